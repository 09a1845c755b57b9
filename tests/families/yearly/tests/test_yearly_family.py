"""A family registered only in tests, with a 申报年 and one form, through the engine's pages and
the real (in-process) simulators: 采集 → 生成申报数据 (IC卡签名) → 数据自检 → 自检状态查询 reads in
a 不可跳过疑点 → 正式申报 refused → 撤销 → fix the line → regenerate → 数据自检 passes →
正式申报 → 审核结果下载 by 申报年 → 数据查询. The 疑点 is the bureau's data (a DoubtRule row);
no line of engine or simulator code knows this family."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rebate.accounts.tests.cards import HeldCard, bind_issued_card
from rebate.accounts.tests.factories import make_enterprise, make_user
from rebate.core.models import RecordStatus
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import DeclarationBatch, ReviewRecord
from rebate.declarations.storage import read
from rebate.declarations.tests.factories import sign_in_browser
from rebate.integrations.testing import onboard
from rebate.integrations.wire.package import read_package

from ..models import YearlyLine

pytestmark = pytest.mark.django_db
CODE = "4403960Y01"
YEAR = "2026"
KEY = "testyearly"


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> tuple[Any, HeldCard]:
    """The clerk's enterprise onboarded at the simulated e-port and bureau, its issued card, and
    the bureau's doubt rule for the business: a line without 合同号 is a 不可跳过疑点."""
    settings.MEDIA_ROOT = tmp_path / "media"
    enterprise = make_enterprise(customs_code=CODE)
    clerk = make_user(enterprise, with_card=False)
    call_command(
        "sim_enterprise", "--customs-code", CODE, "--uscc", enterprise.uscc,
        "--name", enterprise.name, stdout=io.StringIO(),
    )  # fmt: skip
    onboard(CODE)
    card = bind_issued_card(clerk, "CK4403960401")
    apps.get_model("sim_taxbureau", "DoubtRule").objects.create(
        business_code="T0401001", section="NDMX", field_name="contract_no", operator="empty",
        code="TND_HTH_EMPTY", level="E", skippable=False, message="合同号不能为空",
    )  # fmt: skip
    return clerk, card


def _page(name: str, **query: str) -> str:
    url = reverse(f"declarations:family_{name}", kwargs={"family": KEY})
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else url


def _line(client: Client, contract_no: str, amount: str, pk: int | None = None) -> None:
    data = {
        "period": YEAR,
        "contract_no": contract_no,
        "counterparty": "某某公司",
        "amount": amount,
    }
    name = f"{KEY}:yearlyline_edit" if pk else f"{KEY}:yearlyline_add"
    response = client.post(reverse(name, args=[pk] if pk else []), data)
    assert response.status_code == 302, response.content.decode()[-2000:]


def _generate(client: Client, card: HeldCard, capture: Any) -> DeclarationBatch:
    """生成申报数据 for 申报年 2026, then the card signs the package as the browser does."""
    with capture(execute=True):
        response = client.post(_page("package"), {"period": YEAR, **card.proof(client)})
    assert response.status_code == 302
    batch = DeclarationBatch.objects.filter(family=KEY).exclude(status=BatchStatus.REVOKED).get()
    assert batch.status == BatchStatus.UNSIGNED
    sign_in_browser(client, card, batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GENERATED
    return batch


def _self_check(client: Client, card: HeldCard, batch: DeclarationBatch, capture: Any) -> None:
    """数据自检, then 自检状态查询 reads the bureau's result in."""
    with capture(execute=True):
        client.post(_page("self_check"), {"batch": batch.pk, "period": YEAR, **card.proof(client)})
    client.post(_page("refresh"), {"period": YEAR})
    batch.refresh_from_db()


def _messages(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_yearly_family_through_the_pages_and_the_simulators(
    client, world, django_capture_on_commit_callbacks
):
    clerk, card = world
    capture = django_capture_on_commit_callbacks
    client.force_login(clerk)
    _line(client, "", "1000.00")  # the bureau doubts a line without 合同号
    _line(client, "HT-2026-02", "250.50")
    page = client.get(_page("generate")).content.decode()
    assert '<label for="id_period">申报年</label>' in page and 'value="2026"' in page

    batch = _generate(client, card, capture)
    assert batch.number == f"T0401001-{YEAR}-01"
    assert batch.package_name == f"{CODE}_{YEAR}_tndsb.xml"
    assert batch.figure("amount_total") == Decimal("1250.50") and batch.line_count == 2
    content = read_package(io.BytesIO(read(batch.package_path)))
    assert (content.head.period, content.business.code) == (YEAR, "T0401001")
    assert set(YearlyLine.objects.values_list("status", flat=True)) == {RecordStatus.GENERATED}
    listed = client.get(_page("generate", period=YEAR)).content.decode()
    assert '<th class="num">金额合计</th>' in listed and "1250.50" in listed

    _self_check(client, card, batch, capture)
    assert batch.status == BatchStatus.BLOCKED
    doubt = batch.doubts.get()
    first = YearlyLine.objects.get(contract_no="")
    assert (doubt.code, doubt.skippable, doubt.line_no) == ("TND_HTH_EMPTY", False, "0001")
    assert doubt.record_id == first.pk  # 申报序号 → the line, through its RecordType
    shown = client.get(_page("generate", period=YEAR)).content.decode()
    assert "合同号不能为空" in shown
    assert reverse(f"{KEY}:yearlyline_detail", args=[first.pk]) in shown

    refused = client.post(
        reverse("declarations:confirm", args=[batch.pk]), card.proof(client), follow=True
    )
    assert "存在不可跳过疑点，不能确认申报" in _messages(refused)
    client.post(reverse("declarations:revoke_batch", args=[batch.pk]), {"reason": "补合同号"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.REVOKED
    assert set(YearlyLine.objects.values_list("status", flat=True)) == {RecordStatus.COLLECTED}

    _line(client, "HT-2026-01", "1000.00", pk=first.pk)
    again = _generate(client, card, capture)
    assert again.batch_no == "02" and again.pk != batch.pk
    _self_check(client, card, again, capture)
    assert again.status == BatchStatus.CHECKED and not again.doubts.exists()
    declared = client.post(
        reverse("declarations:confirm", args=[again.pk]), card.proof(client), follow=True
    )
    assert f"申报数据{again.number}已确认申报" in _messages(declared)
    assert set(YearlyLine.objects.values_list("status", flat=True)) == {RecordStatus.DECLARED}

    downloaded = client.post(_page("feedback_download"), {"period": YEAR}, follow=True)
    assert "反馈读入成功" in _messages(downloaded)
    review = ReviewRecord.objects.get(family=KEY)
    assert (review.period, review.business_code, review.receipt_no) == (
        YEAR, "T0401001", again.receipt_no,
    )  # fmt: skip
    again.refresh_from_db()
    assert again.status == BatchStatus.PASSED and review.batch_id == again.pk

    query = client.get(_page("query")).content.decode()
    row = re.search(r'<table[^>]*id="query-table".*?</table>', query, re.S)
    assert row is not None
    assert again.number in row.group(0) and "审核通过" in row.group(0)
    assert "金额合计" in row.group(0) and "1250.50" in row.group(0)
    assert batch.number not in row.group(0)  # the revoked batch was never declared
    by_year = client.get(_page("query", period=YEAR)).content.decode()
    assert again.number in by_year and '<label for="id_period">申报年</label>' in by_year
