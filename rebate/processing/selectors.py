"""What the family's data says: the 计划分配率 in force on a date, a manual's feedback, and the
confirmed write-off adjustments of a 所属期 (the hooks of rebate.customs.sources call these)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from rebate.accounts.models import Enterprise
from rebate.calc.allocation import ActualRate, AllocationError, combined_actual_rate
from rebate.calc.mdt import ProcessingWriteoff
from rebate.calc.money import ZERO
from rebate.core.models import RecordStatus

from .models import FeedbackManual, PlannedRate, PlannedRateChange, Writeoff


def rates_on_file(enterprise: Enterprise) -> list[tuple[date, int, Decimal]]:
    """(valid from, order, rate) of every rate the enterprise has declared (远程申报 done: the
    record is 已申报) and of each confirmed 核销 year's 综合实际分配率 (DOMAIN §5.1), oldest
    first."""
    declared = {"enterprise": enterprise, "status": RecordStatus.DECLARED}
    rows: list[tuple[date, int, Decimal]] = [
        (valid_from, 0, rate)
        for valid_from, rate in PlannedRate.objects.filter(**declared).values_list(
            "valid_from", "planned_rate"
        )
    ]
    rows += [
        (valid_from, 1, rate)
        for valid_from, rate in PlannedRateChange.objects.filter(**declared).values_list(
            "valid_from", "new_rate"
        )
    ]
    rows += combined_rates(enterprise)
    return sorted(rows)


def combined_rates(enterprise: Enterprise) -> list[tuple[date, int, Decimal]]:
    """From the year after a 核销 the rate on file is that 核销's 综合实际分配率: in force from
    the day after the bureau confirmed the year's last manual [project decision]."""
    confirmed = Writeoff.objects.filter(enterprise=enterprise, confirmed_on__isnull=False)
    years: dict[str, list[Writeoff]] = {}
    for row in confirmed:
        years.setdefault(row.period[:4], []).append(row)
    found = []
    for rows in years.values():
        try:
            rate = combined_actual_rate(
                ActualRate(r.import_total, r.export_total, r.actual_rate) for r in rows
            )
        except AllocationError:
            continue
        since = max(r.confirmed_on for r in rows if r.confirmed_on) + timedelta(days=1)
        found.append((since, 2, rate))
    return found


def written_off_cycles(enterprise: Enterprise) -> dict[str, list[tuple[date, date, Decimal]]]:
    """手（账）册号 → (核销起始日期, 核销截止日期, 实际分配率) of the manuals in the 加贸反馈; once
    the bureau confirmed a manual's 核销, its confirmed rate (with the 调整表) is the one."""
    confirmed = dict(
        Writeoff.objects.filter(enterprise=enterprise, confirmed_rate__isnull=False).values_list(
            "manual_no", "confirmed_rate"
        )
    )
    cycles: dict[str, list[tuple[date, date, Decimal]]] = {}
    rows = FeedbackManual.objects.filter(enterprise=enterprise).values_list(
        "manual_no", "valid_from", "valid_to", "actual_rate"
    )
    for manual_no, start, end, rate in rows:
        cycles.setdefault(manual_no, []).append((start, end, confirmed.get(manual_no, rate)))
    return cycles


RateOnDate = Callable[[date, str], Decimal | None]


def rate_resolver(enterprise: Enterprise) -> RateOnDate:
    """(export date, 手（账）册号) → the 分配率 a 进料加工 line is declared with (DOMAIN §5.4): a
    written-off manual's 实际分配率 inside its cycle, else the newest rate on file on that day.
    The enterprise's rates are read once; the resolver answers a whole run."""
    cycles = written_off_cycles(enterprise)
    on_file = rates_on_file(enterprise)

    def resolve(on: date, manual_no: str = "") -> Decimal | None:
        for start, end, rate in cycles.get(manual_no, ()):
            if start <= on <= end:
                return rate
        current = [rate for since, _, rate in on_file if since <= on]
        return current[-1] if current else None

    return resolve


def planned_rate_on(enterprise: Enterprise, on: date, manual_no: str = "") -> Decimal | None:
    return rate_resolver(enterprise)(on, manual_no)


def confirmed_writeoff(enterprise: Enterprise, period: str) -> ProcessingWriteoff:
    """汇总表 rows 8 and 14 of 所属期 ``period``: the adjustments of the write-offs declared
    under that 所属期 and confirmed by the bureau (they go into that period's 汇总, the next
    免抵退 declaration after the 核销) [project decision, DOMAIN §5.3]."""
    rows = Writeoff.objects.filter(
        enterprise=enterprise, period=period, confirmed_on__isnull=False
    ).values_list("non_creditable_adjustment", "refund_adjustment")
    non_creditable = refund = ZERO
    for row_8, row_14 in rows:  # Decimals summed in Python (SQLite would sum floats)
        non_creditable += row_8
        refund += row_14
    return ProcessingWriteoff(non_creditable_adjustment=non_creditable, refund_adjustment=refund)
