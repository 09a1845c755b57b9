"""record_rows' plain-column reader (rebate.core.templatetags.record_tables) renders every cell
as django-tables2's get_cell: the same HTML for every registered record table, on rows with
choices, empty values, dates and amounts."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest

from rebate.core.records import REGISTRY, discover_records
from rebate.core.templatetags import record_tables
from rebate.goods.tests.factories import make_export_line, make_receipt

pytestmark = pytest.mark.django_db


def both_ways(make_table, monkeypatch) -> tuple[str, str]:
    fast = str(record_tables.record_rows(make_table()))  # a table counts its rows (odd/even)
    with monkeypatch.context() as patched:
        patched.setattr(record_tables, "_plain_reader", lambda column, model: None)
        slow = str(record_tables.record_rows(make_table()))
    return fast, slow


def test_plain_columns_render_as_get_cell_does(enterprise, monkeypatch) -> None:
    make_export_line(enterprise, note="", business_types="", fob_usd=Decimal("1234.50"))
    make_export_line(enterprise, status="declared", note="备注<b>", rebate_month="")
    make_receipt(enterprise)
    discover_records()
    compared = 0
    for record in REGISTRY:
        rows = record.model._default_manager.filter(enterprise=enterprise)
        fast, slow = both_ways(partial(record.table, rows), monkeypatch)
        assert fast == slow, record.title
        compared += bool(rows)
    assert compared >= 2  # the 明细 and 收汇 tables had rows to compare


def test_plain_reader_takes_model_fields_only(enterprise) -> None:
    discover_records()
    record = next(r for r in REGISTRY if r.model.__name__ == "ExportLine")
    table = record.table(record.model.objects.none())
    readers = {c.name: record_tables._plain_reader(c, record.model) for c in table.columns}
    assert readers["fob_usd"] is not None and readers["status"] is not None
    assert readers["selection"] is None  # a CheckBoxColumn renders its own input
    assert readers["export_date"] is None  # IsoDateColumn has its own render
    assert readers["deadlines"] is None  # computed, not a field
