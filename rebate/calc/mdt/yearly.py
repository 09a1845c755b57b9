"""Column (b) 本年累计 of the 汇总表 and the chaining of periods through rows 13/16.

**[project decision]** Which rows are cumulated by summing and which are not. The form's
instructions are not public in enough detail, so the project reasons from what each row is:

* Flows are summed over the declarations of the calendar year: rows 1–12, 14, 15, 18, 19.
  Rows 15, 18 and 19 are summed rather than recomputed from the cumulated rows 10/13/14,
  because the refund of each period was actually granted on that period's row 15:
  ``max(Σ10 − 13 + Σ14, 0)`` would disagree with the sum of the refunds paid whenever a
  red-letter period follows a positive one.
* Row 13 (carry-in) in column (b) is the carry brought into the year: row 13 of the year's
  first declaration. Summing it would count one carry once per period it survives.
* Rows 16 (carry-out) and 17 (期末留抵) are balances: column (b) is the current period's value.

With these choices every identity of column (a) also holds in column (b), including
``16 = 13 − 10 − 14 + 15`` (the per-period identities telescope), and ``19 = 15 − 18``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from rebate.calc.mdt.summary import (
    PeriodInput,
    PeriodResult,
    SummaryRows,
    calculate_period,
)
from rebate.calc.periods import Period

SUMMED_ROWS = frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 18, 19})
OPENING_ROWS = frozenset({13})
BALANCE_ROWS = frozenset({16, 17})


@dataclass(frozen=True, slots=True)
class YearToDate:
    """Column (b) after the declaration of ``period``."""

    period: Period
    rows: SummaryRows


class YearToDateError(ValueError):
    """Periods given out of order for the year-to-date column."""


def accumulate_year(
    previous: YearToDate | None, period: Period, current: SummaryRows
) -> YearToDate:
    """Column (b) for ``period`` from the previous declaration's column (b) and column (a).

    ``previous`` is column (b) of the enterprise's last declaration; when it is ``None`` or
    belongs to an earlier year, the current period opens the year (column b = column a).
    """
    if previous is None or previous.period.year != period.year:
        return YearToDate(period, current)
    if previous.period >= period:
        raise YearToDateError(f"{period} does not follow {previous.period}")
    before = previous.rows.as_rows()
    now = current.as_rows()
    cumulative: dict[int, Decimal] = {}
    for number in now:
        if number in SUMMED_ROWS:
            cumulative[number] = before[number] + now[number]
        elif number in OPENING_ROWS:
            cumulative[number] = before[number]
        else:
            cumulative[number] = now[number]
    return YearToDate(period, SummaryRows.from_rows(cumulative))


@dataclass(frozen=True, slots=True)
class ApprovedDeclaration:
    """A declaration known only from the bureau's feedback (history read in): what the review
    gives of it. Rows it does not give (不得免征和抵扣税额, services, 核销) count as zero."""

    period: Period
    sales_usd: Decimal  # rows 1 and 2
    sales_cny: Decimal  # row 4
    exempt_credit_refund: Decimal  # rows 10 and 11
    refund: Decimal  # row 18
    exempt_credit: Decimal  # row 19 (15 = 18 + 19)

    def rows(self) -> dict[int, Decimal]:
        zero = Decimal(0)
        values = dict.fromkeys(range(1, 20), zero)
        values[1] = values[2] = self.sales_usd
        values[4] = self.sales_cny
        values[10] = values[11] = self.exempt_credit_refund
        values[18], values[19] = self.refund, self.exempt_credit
        values[15] = self.refund + self.exempt_credit
        return values


def include_approved(
    previous: YearToDate | None, approved: Iterable[ApprovedDeclaration]
) -> YearToDate | None:
    """Column (b) of the last declaration with the year's declarations known only from feedback
    added, for ``accumulate_year``. Each is summed into the flow rows once, in period order,
    when it follows ``previous`` in the same year (one before it is already in its column b);
    rows 13, 16 and 17 stay ``previous``'s (the review gives no carry or 留抵)."""
    result = previous
    for declaration in sorted(approved, key=lambda a: a.period):
        if result is not None and (
            declaration.period <= result.period or declaration.period.year != result.period.year
        ):
            continue
        now = declaration.rows()
        zero = Decimal(0)
        before = result.rows.as_rows() if result is not None else dict.fromkeys(now, zero)
        rows = {n: before[n] + now[n] if n in SUMMED_ROWS else before[n] for n in now}
        result = YearToDate(declaration.period, SummaryRows.from_rows(rows))
    return result


def carried_offset_for_next(result: PeriodResult) -> Decimal:
    """Row 13 of the next period = row 16 of this one (DOMAIN §3)."""
    return result.summary.offset_to_carry


def chain_periods(inputs: Iterable[PeriodInput]) -> list[PeriodResult]:
    """Calculate consecutive periods, feeding each row 16 into the next period's row 13.

    The first input keeps its own ``carried_offset``; later inputs' values are replaced.
    """
    results: list[PeriodResult] = []
    for period_input in inputs:
        effective = period_input
        if results:
            previous = results[-1]
            if period_input.period <= previous.period:
                raise YearToDateError(f"{period_input.period} does not follow {previous.period}")
            effective = replace(period_input, carried_offset=carried_offset_for_next(previous))
        results.append(calculate_period(effective))
    return results
