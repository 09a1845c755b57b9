"""暂存 through the framework, against the lifecycle engine: a draft never joins a batch until it
is saved normally; drafts are the enterprise's own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.core.models import Draft, RecordStatus
from rebate.declarations.sources import RecordTypeSource
from rebate.declarations.tests.factories import make_batch
from rebate.goods.models import ExportLine
from rebate.goods.tests.test_pages import LINE

pytestmark = pytest.mark.django_db
ADD = "goods:exportline_add"


def attach(user, batch) -> int:
    return RecordTypeSource("mdt", "A0305001").attach(
        enterprise=user.enterprise, actor=user, period="202603", batch_id=batch.pk,
        business="A0305001",
    )  # fmt: skip


def test_a_draft_is_never_taken_into_a_batch_until_saved_normally(client) -> None:
    clerk = make_user()
    client.force_login(clerk)
    incomplete = {**LINE, "quantity": "", "fob_usd": "abc", "save_draft": "1"}
    assert client.post(reverse(ADD), incomplete).status_code == 302
    draft = Draft.objects.get(enterprise=clerk.enterprise)
    assert draft.data["fob_usd"] == ["abc"]  # kept as typed: no check ran
    first = make_batch(clerk.enterprise, period="202603")
    assert attach(clerk, first) == 0 and not ExportLine.objects.exists()
    response = client.post(reverse(ADD), {**LINE, "fob_usd": "abc", "draft": str(draft.pk)})
    assert response.status_code == 400 and "输入一个数字" in response.content.decode()
    assert client.post(reverse(ADD), {**LINE, "draft": str(draft.pk)}).status_code == 302
    assert not Draft.objects.exists()
    assert attach(clerk, first) == 1
    assert ExportLine.objects.get().status == RecordStatus.GENERATED


def test_another_enterprise_cannot_open_or_delete_a_draft(client) -> None:
    owner, intruder = make_user(), make_user()
    client.force_login(owner)
    client.post(reverse(ADD), {"commodity_name": "微电机", "save_draft": "1"})
    draft = Draft.objects.get()
    client.force_login(intruder)
    assert client.get(reverse(ADD), {"draft": draft.pk}).status_code == 404
    assert client.post(reverse("core:draft_delete", args=[draft.pk])).status_code == 404
    assert (
        f'data-draft="{draft.pk}"'
        not in client.get(reverse("goods:exportline_list")).content.decode()
    )
    client.force_login(owner)
    response = client.post(reverse("core:draft_delete", args=[draft.pk]))
    assert response.status_code == 302 and not Draft.objects.exists()
