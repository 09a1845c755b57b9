"""所属期 (tax period) handling: a calendar month written ``YYYYMM``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Final

_PERIOD = re.compile(r"(\d{4})(\d{2})")
# The 免抵退 method dates from 1994; periods far in the future are typing errors.
FIRST_YEAR: Final = 1994
LAST_YEAR: Final = 2099


class PeriodError(ValueError):
    """A 所属期 that is not a valid ``YYYYMM`` month."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """One 所属期. Ordering follows the calendar."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise PeriodError(f"year {self.year} outside {FIRST_YEAR}..{LAST_YEAR}")
        if not 1 <= self.month <= 12:
            raise PeriodError(f"month {self.month} outside 1..12")

    @classmethod
    def parse(cls, text: object) -> Period:
        """Parse ``"YYYYMM"`` (a string; ``202503`` as a number is refused)."""
        if not isinstance(text, str):
            raise PeriodError("所属期 must be a string YYYYMM")
        match = _PERIOD.fullmatch(text)
        if match is None:
            raise PeriodError("所属期 must be six digits YYYYMM")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Period:
        """The period that contains ``day``."""
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def previous(self) -> Period:
        if self.month == 1:
            return Period(self.year - 1, 12)
        return Period(self.year, self.month - 1)

    def next(self) -> Period:
        if self.month == 12:
            return Period(self.year + 1, 1)
        return Period(self.year, self.month + 1)

    def plus_months(self, months: int) -> Period:
        index = self.year * 12 + self.month - 1 + months
        return Period(index // 12, index % 12 + 1)

    def contains(self, day: date) -> bool:
        return day.year == self.year and day.month == self.month

    def __str__(self) -> str:
        return f"{self.year:04d}{self.month:02d}"


def filing_period(today: date) -> Period:
    """The 所属期 a clerk declares on ``today``: last month's (the month's exports are declared
    from the next month on, DOMAIN §9). What a screen without a period of its own shows."""
    return Period.of(today).previous()


def year_of(period: Period | str) -> int:
    """The calendar year a period belongs to (the year of 本年累计)."""
    return (Period.parse(period) if isinstance(period, str) else period).year
