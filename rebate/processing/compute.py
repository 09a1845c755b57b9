"""The computed columns of the family's forms, through rebate.calc.allocation (the pages, the
writeoff CLI and the simulated bureau use the same functions)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise
from rebate.calc.allocation import (
    AllocationError,
    DeclaredProcessingExport,
    Direction,
    ManualWriteoff,
    ProcessingTradeRecord,
    manual_adjustment,
    planned_rate,
    rate_of_totals,
    record_totals,
)
from rebate.calc.money import ZERO
from rebate.core.models import RecordStatus

from .models import (
    CustomsAdjustment,
    FeedbackManual,
    FeedbackRecord,
    PlannedRate,
    PlannedRateChange,
    Writeoff,
)


def compute_planned(rows: Sequence[PlannedRate]) -> None:
    """计划分配率 = 计划进口总值 ÷ 计划出口总值 (DOMAIN §5.1)."""
    for row in rows:
        try:
            row.planned_rate = planned_rate(row.planned_imports, row.planned_exports)
        except AllocationError:
            raise ValidationError({"planned_exports": "计划出口总值必须大于零"}) from None
        if row.planned_rate > 1:
            message = f"计划分配率{row.planned_rate}超过1：计划进口总值不能大于计划出口总值"
            raise ValidationError({"planned_imports": message})


def compute_change(rows: Sequence[PlannedRateChange]) -> None:
    """原计划分配率: the rate on file the day the change takes effect."""
    from .selectors import rate_resolver

    for row in rows:
        if row.valid_from is not None:
            row.previous_rate = rate_resolver(row.enterprise)(row.valid_from, row.manual_no)


def require_reason(enterprise: Enterprise, row: PlannedRateChange) -> None:
    if not (row.reason or "").strip():
        raise ValidationError({"reason": "变更原因为必填项：请说明调整计划分配率的原因"})


def feedback_manual(enterprise: Enterprise, manual_no: str, field: str) -> FeedbackManual:
    """The manual in the 加贸反馈, or a refusal at ``field``: customs has not closed it."""
    found: FeedbackManual | None = FeedbackManual.objects.filter(
        enterprise=enterprise, manual_no=manual_no
    ).first()
    if found is None:
        raise ValidationError(
            {field: f"手（账）册{manual_no}不在加贸反馈中（海关尚未核销），请先读入或下载加贸反馈"}
        )
    return found


def check_writeoff(enterprise: Enterprise, row: Writeoff) -> None:
    """The dates' order; a manual customs has not closed is refused by compute_writeoff."""
    if row.start_date and row.end_date and row.start_date > row.end_date:
        raise ValidationError({"end_date": "核销截止日期不能早于核销起始日期"})


def check_adjustment(enterprise: Enterprise, row: CustomsAdjustment) -> None:
    if row.manual_no:
        feedback_manual(enterprise, row.manual_no, "manual_no")


def _records(rows: Iterable[tuple[str, str, Decimal]]) -> list[ProcessingTradeRecord]:
    return [ProcessingTradeRecord(Direction(d), mode, amount) for d, mode, amount in rows]


Totals = dict[str, tuple[Decimal, Decimal]]


def manuals_totals(enterprise_id: int, manuals: Sequence[FeedbackManual]) -> Totals:
    """手（账）册号 → (进口总值, 出口总值): from each manual's customs records when the feedback
    carries them (else the totals the bureau gave), plus the 调整表's corrections. Three
    queries however many manuals."""
    by_id = {manual.pk: manual for manual in manuals}
    records: dict[str, list[ProcessingTradeRecord]] = {m.manual_no: [] for m in manuals}
    rows = FeedbackRecord.objects.filter(manual_id__in=list(by_id)).values_list(
        "manual_id", "direction", "trade_mode", "amount_cny"
    )
    for manual_id, direction, mode, amount in rows.iterator(chunk_size=10000):
        no = by_id[manual_id].manual_no
        records[no].append(ProcessingTradeRecord(Direction(direction), mode, amount))
    corrections: dict[str, list[ProcessingTradeRecord]] = {}
    adjusted = CustomsAdjustment.objects.filter(
        enterprise_id=enterprise_id, manual_no__in=list(records)
    ).values_list("manual_no", "direction", "trade_mode", "amount_cny")
    for no, direction, mode, amount in adjusted:
        corrections.setdefault(no, []).append(
            ProcessingTradeRecord(Direction(direction), mode, amount)
        )
    totals: Totals = {}
    for manual in manuals:
        no = manual.manual_no
        if records[no]:
            imports, exports = record_totals(records[no])
        else:
            imports, exports = manual.import_total, manual.export_total
        more_imports, more_exports = record_totals(corrections.get(no, ()))
        totals[no] = (imports + more_imports, exports + more_exports)
    return totals


def manual_totals(manual: FeedbackManual) -> tuple[Decimal, Decimal]:
    return manuals_totals(manual.enterprise_id, [manual])[manual.manual_no]


Groups = dict[str, list[DeclaredProcessingExport]]


def declared_groups(enterprise_id: int, manual_nos: Iterable[str]) -> Groups:
    """已申报出口额 under each manual, net of 冲减, grouped by the rates it was declared with."""
    from rebate.goods.models import ExportLine

    wanted = list(manual_nos)
    rows = ExportLine.objects.filter(
        enterprise_id=enterprise_id,
        handbook_no__in=wanted,
        status=RecordStatus.DECLARED,
        allocation_rate__isnull=False,
    ).values_list("handbook_no", "allocation_rate", "levy_rate", "rebate_rate", "fob_cny")
    sums: dict[str, dict[tuple[Decimal, Decimal, Decimal], Decimal]] = {no: {} for no in wanted}
    for no, allocation, levy, rebate, fob in rows.iterator(chunk_size=10000):
        groups = sums[no]  # Decimals summed in Python (SQLite sums floats)
        groups[(allocation, levy, rebate)] = groups.get((allocation, levy, rebate), ZERO) + fob
    return {
        no: [DeclaredProcessingExport(fob, *rates) for rates, fob in sorted(groups.items())]
        for no, groups in sums.items()
    }


def compute_writeoff(rows: Sequence[Writeoff]) -> None:
    """Columns 5–8 of the 核销表: 实际分配率 from the feedback and the 调整表, the declared
    exports and the two adjustments (rebate.calc.allocation.manual_adjustment), for all rows
    at once (a handful of queries for a thousand manuals)."""
    if not rows:
        return
    enterprise_id = rows[0].enterprise_id
    wanted = {row.manual_no for row in rows}
    manuals = list(FeedbackManual.objects.filter(enterprise_id=enterprise_id, manual_no__in=wanted))
    known = {manual.manual_no for manual in manuals}
    for row in rows:
        if row.manual_no not in known:
            feedback_manual(row.enterprise, row.manual_no, "manual_no")  # raises at the field
    totals = manuals_totals(enterprise_id, manuals)
    declared = declared_groups(enterprise_id, known)
    for row in rows:
        imports, exports = totals[row.manual_no]
        try:
            rate = rate_of_totals(imports, exports)
        except AllocationError:
            message = f"手（账）册{row.manual_no}调整后出口总值不大于零，无法计算实际分配率"
            raise ValidationError({"manual_no": message}) from None
        result = manual_adjustment(
            ManualWriteoff(row.manual_no, rate.rate, declared[row.manual_no])
        )
        row.import_total, row.export_total, row.actual_rate = imports, exports, rate.rate
        row.declared_exports = result.declared_exports
        row.refund_adjustment = result.refund_adjustment
        row.non_creditable_adjustment = result.non_creditable_adjustment


WRITEOFF_COMPUTED = (
    "import_total", "export_total", "actual_rate", "declared_exports", "refund_adjustment",
    "non_creditable_adjustment",
)  # fmt: skip


def recompute_writeoffs(enterprise: Any, manual_no: str) -> int:
    """The 调整表 changed a manual's data: its writable 核销 rows are recomputed at once."""
    rows = list(
        Writeoff.objects.filter(
            enterprise=enterprise, manual_no=manual_no, declaration_batch_id__isnull=True
        )
    )
    compute_writeoff(rows)
    Writeoff.objects.bulk_update(rows, WRITEOFF_COMPUTED)
    return len(rows)
