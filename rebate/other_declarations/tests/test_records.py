"""The generic record pages of every 其他申报 form, and each form's wire section = its model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from rebate.core.models import RecordStatus
from rebate.integrations.wire.package import business

from .. import records
from . import factories

pytestmark = pytest.mark.django_db

MAKERS: dict[str, Callable[..., Any]] = {
    "receipt": factories.make_receipt,
    "infoquery": factories.make_info_query,
    "noinfo": factories.make_no_info,
    "selfuse": factories.make_self_use,
    "usedequipment": factories.make_used_equipment,
    "nonownproduct": factories.make_non_own,
    "capacityreport": factories.make_capacity_report,
    "riskcontrolreport": factories.make_risk_control_report,
}
NAMES = [record.name for record in records.RECORDS]


def test_every_form_has_a_maker() -> None:
    assert sorted(MAKERS) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_record_pages(clerk_client: Any, clerk: Any, name: str) -> None:
    record = next(r for r in records.RECORDS if r.name == name)
    row = MAKERS[name](clerk.enterprise)
    url = lambda action, *args: reverse(record.url_name(action), args=args)  # noqa: E731
    listed = clerk_client.get(url("list")).content.decode()
    assert f'data-pk="{row.pk}"' in listed
    for page in (url("add"), url("detail", row.pk), url("edit", row.pk), url("import_template")):
        assert clerk_client.get(page).status_code == 200, page
    exported = clerk_client.get(url("export"))
    assert exported.status_code == 200 and "spreadsheet" in exported["Content-Type"]

    row.status, row.declaration_batch_id = RecordStatus.GENERATED, 1
    row.save()
    clerk_client.post(url("delete", row.pk))
    assert record.model.objects.filter(pk=row.pk).exists()  # inside a batch: read-only
    row.status, row.declaration_batch_id = RecordStatus.COLLECTED, None
    row.save()
    assert clerk_client.post(url("delete", row.pk)).status_code == 302
    assert not record.model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("name", NAMES)
def test_the_wire_section_is_the_model(clerk: Any, name: str) -> None:
    record = next(r for r in records.RECORDS if r.name == name)
    spec = business(record.business).section(record.wire_section).record
    model_fields = {f.name for f in record.model._meta.fields}
    attrs = {f.attr for f in spec.fields} - {"line_no"}
    assert attrs <= model_fields, attrs - model_fields
    row = MAKERS[name](clerk.enterprise)
    assert record.to_wire is not None
    values = record.to_wire(row)
    assert values["line_no"] == row.sequence_no == "0001"
    assert list(spec.mapping_texts(values))  # every value writable in its wire kind
