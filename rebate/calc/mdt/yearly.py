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
