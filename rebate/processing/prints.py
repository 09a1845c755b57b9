"""打印进料申报报表 (JL-08): the business's form of a generated batch, with its records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rebate.accounts.models import Enterprise
from rebate.declarations.families import PrintForm

from .models import CustomsAdjustment, PlannedRate, PlannedRateChange, Writeoff

TEMPLATE = "declarations/print/table.html"


def _rows(model: Any, enterprise: Enterprise, batch: Any, columns: tuple[str, ...]) -> list[Any]:
    numeric = {"planned_imports", "planned_exports", "planned_rate", "previous_rate", "new_rate",
               "actual_rate", "declared_exports", "refund_adjustment", "amount_cny",
               "non_creditable_adjustment", "import_total", "export_total"}  # fmt: skip
    rows = model.objects.filter(enterprise=enterprise, declaration_batch_id=batch.pk)
    return [
        [("" if getattr(r, c) is None else getattr(r, c), c in numeric) for c in columns]
        for r in rows.order_by("sequence_no", "id")
    ]


def _sheet(model: Any, title: str, columns: tuple[str, ...]) -> Any:
    labels = [str(model._meta.get_field(c).verbose_name) for c in columns]

    def context(enterprise: Enterprise, batch: Any) -> Mapping[str, Any]:
        return {
            "form_title": title,
            "columns": labels,
            "rows": _rows(model, enterprise, batch, columns),
        }

    return context


PRINT_FORMS = (
    PrintForm("jlba", "进料加工计划分配率备案表", TEMPLATE, _sheet(
        PlannedRate, "进料加工计划分配率备案表",
        ("manual_no", "planned_imports", "planned_exports", "planned_rate", "valid_from"))),
    PrintForm("jlbg", "进料加工计划分配率变更表", TEMPLATE, _sheet(
        PlannedRateChange, "进料加工计划分配率变更表",
        ("manual_no", "previous_rate", "new_rate", "valid_from", "reason"))),
    PrintForm("jlhx", "生产企业进料加工业务免抵退税核销表", TEMPLATE, _sheet(
        Writeoff, "生产企业进料加工业务免抵退税核销表",
        ("manual_no", "start_date", "end_date", "actual_rate", "declared_exports",
         "refund_adjustment", "non_creditable_adjustment"))),
    PrintForm("hgsjtz", "已核销手（账）册海关数据调整表", TEMPLATE, _sheet(
        CustomsAdjustment, "已核销手（账）册海关数据调整表",
        ("manual_no", "direction", "entry_id", "g_no", "trade_mode", "amount_cny", "reason"))),
)  # fmt: skip
