"""商品信息 and 出口明细 tables (报关单信息 is rendered directly: see _declaration_rows.html)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from rebate.goods.models import ExportLine

from .models import DeclarationItem

ATTRS = {"class": "table table-sm table-bordered table-hover record-table"}


class ItemTable(tables.Table):  # type: ignore[misc]
    g_no = tables.Column("项号")
    code_ts = tables.Column("商品编号")
    g_name = tables.Column("商品名称")
    first_qty = tables.Column("法定数量")
    first_unit = tables.Column("单位")
    decl_total = tables.Column("申报总价")
    trade_curr = tables.Column("币制")
    fob_usd = tables.Column("美元离岸价")

    class Meta:
        model = DeclarationItem
        fields = ("g_no", "code_ts", "g_name", "first_qty", "first_unit", "decl_total",
                  "trade_curr", "fob_usd")  # fmt: skip
        attrs = ATTRS | {"id": "item-table"}
        empty_text = "没有商品信息"
        template_name = "core/table.html"
        orderable = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row_attrs = {
            "data-pk": lambda record: record.pk,
            "data-detail": lambda record: reverse("customs:item_detail", args=[record.pk]),
        }

    def render_code_ts(self, value: str, record: DeclarationItem) -> Any:
        if record.rebate_code != value:
            return format_html(
                '{} <span class="text-primary small">→{}</span>', value, record.rebate_code
            )
        return value


class LineTable(tables.Table):  # type: ignore[misc]
    export_date = tables.DateColumn("Y-m-d", verbose_name="出口日期")

    class Meta:
        model = ExportLine
        fields = ("period", "sequence_no", "item_key", "export_date", "commodity_code",
                  "commodity_name", "unit", "quantity", "fob_usd", "fob_cny", "levy_rate",
                  "rebate_rate", "exempt_credit_refund", "invoice_no", "status")  # fmt: skip
        attrs = ATTRS | {"id": "line-table"}
        empty_text = "尚未生成出口明细：勾选该报关单，点击“数据检查”通过后点击“生成退税”"
        template_name = "core/table.html"
        orderable = False
