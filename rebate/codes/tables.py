"""Tables of the 商品代码 pages (rates shown as percentages)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django_tables2.data import TableListData

from .models import RateEntry
from .selectors import fraction_text, rate_entries_by_ids


def percent(value: Decimal) -> str:
    return f"{fraction_text(value * 100)}%"


class PercentColumn(tables.Column):  # type: ignore[misc]
    attrs = {"td": {"class": "num"}}

    def render(self, value: Decimal) -> str:
        return percent(value)


class RateEntryTable(tables.Table):  # type: ignore[misc]
    levy_rate = PercentColumn(verbose_name="征税率")
    rebate_rate = PercentColumn(verbose_name="退税率")
    valid_to = tables.Column(verbose_name="有效期止")

    class Meta:
        model = RateEntry
        fields = (
            "code", "name", "unit", "levy_rate", "rebate_rate", "valid_from", "valid_to",
            "special_flag", "note",
        )  # fmt: skip
        attrs = {"class": "table table-sm table-bordered table-hover", "id": "rate-table"}
        empty_text = "没有符合条件的商品代码"
        template_name = "core/table.html"
        orderable = False

    def render_valid_from(self, value: date) -> str:
        return f"{value:%Y-%m-%d}"

    def render_valid_to(self, value: date) -> str:
        return "长期" if value and value.year == 2099 else f"{value:%Y-%m-%d}"

    def render_special_flag(self, record: RateEntry) -> str:
        return record.get_special_flag_display() if record.special_flag else ""


class EntryPages(TableListData):  # type: ignore[misc]
    """Table data over ordered ids (selectors.rate_entry_ids): the paginator counts the ids,
    and only the shown page of rows is fetched."""

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            return rate_entries_by_ids(self.data[key])
        return rate_entries_by_ids([self.data[key]])[0]

    def __iter__(self) -> Any:
        return iter(rate_entries_by_ids(self.data))
