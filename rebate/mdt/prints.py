"""The paper forms of the 免抵退 family (TS-26): 明细表, 汇总表 and every other form of the batch.

A context function returns the rows of one form; the shared print template adds the official
header (纳税人名称, 纳税人识别号, 海关企业代码, 所属期), totals, 申报日期 and the signature and
seal lines. The same HTML is the on-screen preview and the PDF source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

from rebate.accounts.models import Enterprise
from rebate.calc.mdt.names import detail_form_name
from rebate.calc.money import ZERO
from rebate.declarations.families import PrintForm, Section
from rebate.declarations.families.print_pages import Column, cell_text, paged_table_context

if TYPE_CHECKING:
    from rebate.declarations.models import DeclarationBatch

# The 明细表's columns in the order of DOMAIN §7.1, each wide enough (mm, at 6 pt) for its
# longest value: 21-digit 报关单号, 20-digit 发票号, 2026-10-05, 15-digit amounts.
DETAIL_COLUMNS = (
    Column("sequence_no", "申报序号", 8),
    Column("invoice_no", "出口发票号", 25),
    Column("item_key", "出口货物报关单号", 26),
    Column("export_date", "出口日期", 14),
    Column("agency_certificate_no", "代理出口货物证明号码", 11),
    Column("commodity_code", "出口商品代码", 14),
    Column("commodity_name", "出口商品名称", 25),
    Column("unit", "计量单位", 7),
    Column("quantity", "出口数量", 13, numeric=True),
    Column("fob_usd", "出口销售额（美元）", 14, numeric=True),
    Column("fob_cny", "出口销售额（人民币）", 15, numeric=True),
    Column("levy_rate", "征税率", 8, numeric=True, rate=True),
    Column("rebate_rate", "退税率", 8, numeric=True, rate=True),
    Column("allocation_rate", "计划分配率", 9, numeric=True, rate=True),
    Column("bonded_materials_price", "进料加工保税进口料件组成计税价格", 14, numeric=True),
    Column("domestic_free_materials", "国内购进免税原材料价格", 13, numeric=True),
    Column("non_creditable", "不得免征和抵扣税额", 14, numeric=True),
    Column("exempt_credit_refund", "免抵退税额", 14, numeric=True),
    Column("handbook_no", "进料加工手（账）册号", 16),
    Column("business_types", "业务类型", 11),
)
DETAIL_TOTALS = (
    "quantity",
    "fob_usd",
    "fob_cny",
    "non_creditable",
    "exempt_credit_refund",
    "bonded_materials_price",
    "domestic_free_materials",
)
SKIPPED = {
    "id",
    "enterprise",
    "created_at",
    "updated_at",
    "status",
    "declaration_batch_id",
    "period",
    "explanation_required",
}


def table_context(
    title: str, rows: Any, columns: tuple[tuple[str, str], ...], totals: tuple[str, ...] = ()
) -> dict[str, Any]:
    sums: dict[str, Decimal] = dict.fromkeys(totals, ZERO)
    numeric = {name for name, _ in columns if name in totals or name.endswith("rate")}
    body = []
    for row in rows:
        body.append([(cell_text(getattr(row, name)), name in numeric) for name, _ in columns])
        for name in totals:
            sums[name] += getattr(row, name) or ZERO
    total_row = [cell_text(sums[name]) if name in sums else "" for name, _ in columns]
    if totals:
        total_row[0] = "合计"
    return {
        "form_title": title,
        "columns": [label for _, label in columns],
        "rows": body,
        "totals": total_row if totals else None,
        "landscape": len(columns) > 8,
    }


def detail_context(enterprise: Enterprise, batch: DeclarationBatch) -> Mapping[str, Any]:
    from rebate.goods.models import ExportLine

    rows = ExportLine.objects.filter(enterprise=enterprise, declaration_batch_id=batch.pk)
    names = [c.name for c in DETAIL_COLUMNS]
    return paged_table_context(
        detail_form_name(batch.period),
        rows.order_by("sequence_no", "id").only(*names).iterator(chunk_size=2000),
        DETAIL_COLUMNS,
        DETAIL_TOTALS,
    )


def summary_context(enterprise: Enterprise, batch: DeclarationBatch) -> Mapping[str, Any]:
    from .selectors import summary_table

    summary = getattr(batch, "summary", None)
    return {
        "form_title": "免抵退税申报汇总表",
        "summary_rows": summary_table(summary) if summary is not None else [],
        "template": "summary",
    }


def _model_columns(model: type[models.Model]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (f.attname, str(f.verbose_name))
        for f in model._meta.concrete_fields
        if f.name not in SKIPPED and f.attname not in SKIPPED
    )


def section_context(model_label: str, title: str) -> Any:
    def context(enterprise: Enterprise, batch: DeclarationBatch) -> Mapping[str, Any]:
        model: Any = apps.get_model(model_label)
        rows = model._default_manager.filter(enterprise=enterprise, declaration_batch_id=batch.pk)
        amounts = tuple(
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.DecimalField) and f.decimal_places == 2
        )
        return table_context(
            title, rows.order_by("sequence_no", "id"), _model_columns(model), amounts
        )

    return context


def _detail_rows(batch: DeclarationBatch) -> int:
    return batch.line_count


def _section_rows(batch: DeclarationBatch) -> int:
    """The records of the batch's other forms, an upper bound for any one of them."""
    return batch.record_count


def print_forms(sections: Sequence[Section]) -> tuple[PrintForm, ...]:
    forms = [
        PrintForm(
            "detail",
            detail_form_name(""),
            "declarations/print/paged.html",
            detail_context,
            paged=True,
            dated_title=detail_form_name,
            rows=_detail_rows,
        ),
        PrintForm(
            "summary", "免抵退税申报汇总表", "mdt/print/summary.html", summary_context, rows=None
        ),
    ]
    forms += [
        PrintForm(
            s.name.lower(),
            s.label,
            "declarations/print/table.html",
            section_context(s.model, s.label),
            rows=_section_rows,
        )
        for s in sections
    ]
    return tuple(forms)
