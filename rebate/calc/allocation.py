"""进料加工 allocation rates (计划分配率, 实际分配率) and the annual 核销 adjustments.

* 计划分配率 = 计划进口总值 ÷ 计划出口总值, 6 decimals [verified in part: chinaacc; DOMAIN §5.1].
* 实际分配率 = 进口总值 ÷ 出口总值 from the customs processing-trade records by 监管方式,
  using exactly the code lists of DOMAIN §5.2 [verified: SH-FORMS t460115].
* 核销 adjustments per manual, rounded to 0.01 per manual [inferred: DOMAIN §5.3]::

      应调整免抵退税额         = 已申报出口额 × (计划分配率 − 实际分配率) × 退税率
      应调整不得免征和抵扣税额 = 已申报出口额 × (计划分配率 − 实际分配率) × (征税率 − 退税率)

  A planned rate above the actual one overstated the bonded part, so both adjustments are
  positive and feed 汇总表 rows 14 and 8 as increases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import Enum

from rebate.calc.mdt.summary import ProcessingWriteoff
from rebate.calc.money import CONTEXT, ZERO, round_amount, round_rate

# DOMAIN §5.2 [verified: SH-FORMS t460115]; code names [verified: CUSTOMS-PARAMS].
IMPORT_ADDS_IMPORTS = frozenset({"0615", "0654", "0657", "0700", "0715", "1215"})
EXPORT_REDUCES_IMPORTS = frozenset({"0657", "0664", "0700", "0864", "0200"})
IMPORT_REDUCES_IMPORTS = frozenset({"0644", "0844"})
EXPORT_ADDS_EXPORTS = frozenset({"0615", "0654", "0715", "1215", "4600"})
IMPORT_REDUCES_EXPORTS = frozenset({"4600"})

# 监管方式 of 进料加工 lines that carry a 手册号 and 计划分配率 (DOMAIN §8.2 JLJG rules).
PROCESSING_TRADE_MODES = frozenset({"0615", "0715"})


class AllocationError(ValueError):
    """An allocation rate that cannot be computed."""


class Direction(Enum):
    IMPORT = "I"
    EXPORT = "E"


def planned_rate(planned_imports: Decimal, planned_exports: Decimal) -> Decimal:
    """计划分配率 of a 手（账）册, 6 decimals ROUND_HALF_UP."""
    if planned_exports <= 0:
        raise AllocationError("计划出口总值必须大于零 / planned exports must be positive")
    if planned_imports < 0:
        raise AllocationError("计划进口总值不能为负 / planned imports cannot be negative")
    with localcontext(CONTEXT):
        return round_rate(planned_imports / planned_exports)


@dataclass(frozen=True, slots=True)
class ProcessingTradeRecord:
    """One customs processing-trade 报关单 line of a manual, valued in RMB."""

    direction: Direction
    trade_mode: str  # 监管方式, 4 digits
    amount_cny: Decimal


@dataclass(frozen=True, slots=True)
class ActualRate:
    import_total: Decimal
    export_total: Decimal
    rate: Decimal


def _contribution(record: ProcessingTradeRecord) -> tuple[Decimal, Decimal]:
    """(import side, export side) contribution of one record."""
    mode, amount = record.trade_mode, record.amount_cny
    imports = exports = ZERO
    if record.direction is Direction.IMPORT:
        if mode in IMPORT_ADDS_IMPORTS:
            imports += amount
        if mode in IMPORT_REDUCES_IMPORTS:
            imports -= amount
        if mode in IMPORT_REDUCES_EXPORTS:
            exports -= amount
    else:
        if mode in EXPORT_REDUCES_IMPORTS:
            imports -= amount
        if mode in EXPORT_ADDS_EXPORTS:
            exports += amount
    return imports, exports


def record_totals(records: Iterable[ProcessingTradeRecord]) -> tuple[Decimal, Decimal]:
    """(进口总值, 出口总值) of customs records (or 调整表 corrections) by DOMAIN §5.2."""
    import_total = export_total = ZERO
    for record in records:
        imports, exports = _contribution(record)
        import_total += imports
        export_total += exports
    return import_total, export_total


def rate_of_totals(import_total: Decimal, export_total: Decimal) -> ActualRate:
    """实际分配率 = 进口总值 ÷ 出口总值, 6 decimals ROUND_HALF_UP."""
    if export_total <= 0:
        raise AllocationError("出口总值不大于零，无法计算实际分配率 / export total is not positive")
    with localcontext(CONTEXT):
        rate = round_rate(import_total / export_total)
    return ActualRate(import_total, export_total, rate)


def actual_rate(records: Iterable[ProcessingTradeRecord]) -> ActualRate:
    """实际分配率 = 进口总值 ÷ 出口总值 over the manual's customs records (other modes ignored)."""
    return rate_of_totals(*record_totals(records))


def combined_actual_rate(manuals: Iterable[ActualRate]) -> Decimal:
    """上年度已核销手（账）册综合实际分配率: Σ imports ÷ Σ exports [recalled: DOMAIN §5.1]."""
    rates = list(manuals)
    export_total = sum((manual.export_total for manual in rates), ZERO)
    if export_total <= 0:
        raise AllocationError("no written-off exports to weight the combined rate")
    import_total = sum((manual.import_total for manual in rates), ZERO)
    with localcontext(CONTEXT):
        return round_rate(import_total / export_total)


@dataclass(frozen=True, slots=True)
class DeclaredProcessingExport:
    """Exports already declared under a manual, grouped by the rates they were declared with."""

    fob_cny: Decimal  # 已申报出口额 (RMB)
    planned_rate: Decimal  # the 计划分配率 used when declaring
    levy_rate: Decimal
    rebate_rate: Decimal


@dataclass(frozen=True, slots=True)
class ManualWriteoff:
    manual_no: str
    actual_rate: Decimal
    declared: Sequence[DeclaredProcessingExport]


@dataclass(frozen=True, slots=True)
class ManualAdjustment:
    """One row of the 《生产企业进料加工业务免抵退税核销表》 (columns 2, 5–8)."""

    manual_no: str
    actual_rate: Decimal
    declared_exports: Decimal
    refund_adjustment: Decimal  # column 7 → row 14
    non_creditable_adjustment: Decimal  # column 8 → row 8


def manual_adjustment(writeoff: ManualWriteoff) -> ManualAdjustment:
    """Adjustments of one manual, each rounded once for the manual."""
    refund = non_creditable = Decimal(0)
    with localcontext(CONTEXT):
        for part in writeoff.declared:
            over_allocated = part.fob_cny * (part.planned_rate - writeoff.actual_rate)
            refund += over_allocated * part.rebate_rate
            non_creditable += over_allocated * (part.levy_rate - part.rebate_rate)
    return ManualAdjustment(
        manual_no=writeoff.manual_no,
        actual_rate=writeoff.actual_rate,
        declared_exports=sum((part.fob_cny for part in writeoff.declared), ZERO),
        refund_adjustment=round_amount(refund),
        non_creditable_adjustment=round_amount(non_creditable),
    )


def writeoff_totals(adjustments: Sequence[ManualAdjustment]) -> ProcessingWriteoff:
    """汇总表 rows 8 and 14: sums of the per-manual (rounded) adjustments."""
    return ProcessingWriteoff(
        non_creditable_adjustment=sum(
            (adjustment.non_creditable_adjustment for adjustment in adjustments), ZERO
        ),
        refund_adjustment=sum((adjustment.refund_adjustment for adjustment in adjustments), ZERO),
    )
