"""外汇人民币折合率: the enterprise's rate method, rate lookup and official-quote conversion.

* The rate is the central parity (中间价) of the export (sale) day **or** of the 1st day of
  that month, as the enterprise chooses; the choice cannot change within one year
  [recalled: 公告2012年第24号 第二条(五); DOMAIN §1.3].
* **[project decision]** Rates are stored as RMB per **1** foreign unit with 6 decimals.
  SAFE quotes some currencies per 100 foreign units (``quote / 100``) and others per 100 CNY
  (``100 / quote``), both rounded ROUND_HALF_UP to 6 places: 710.25 → 7.102500.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext
from enum import Enum

from rebate.calc.money import CONTEXT, HUNDRED, round_rate

CNY = "CNY"
USD = "USD"


class RateMethod(Enum):
    """出口货物外汇人民币折合率 method chosen by the enterprise."""

    SAME_DAY = "当天"  # central parity of the export day
    FIRST_OF_MONTH = "当月1日"  # central parity of the 1st day of the export month


class QuoteConvention(Enum):
    PER_100_FOREIGN = "per 100 foreign units"  # RMB for 100 units: 710.25 → 7.102500
    PER_100_CNY = "per 100 CNY"  # foreign units for 100 RMB: 6.9 → 100/6.9


# SAFE/CFETS convention per currency [verified: DOMAIN §1.3]. Callers may pass their own.
DEFAULT_QUOTE_CONVENTIONS: Mapping[str, QuoteConvention] = {
    **dict.fromkeys(
        ("USD", "EUR", "JPY", "HKD", "GBP", "AUD", "NZD", "SGD", "CHF", "CAD"),
        QuoteConvention.PER_100_FOREIGN,
    ),
    **dict.fromkeys(
        [
            *("MOP", "MYR", "RUB", "ZAR", "KRW", "AED", "SAR", "HUF"),
            *("PLN", "DKK", "SEK", "NOK", "TRY", "MXN", "THB"),
        ],
        QuoteConvention.PER_100_CNY,
    ),
}


class ExchangeRateError(LookupError):
    """A rate that is missing or a method change that is not allowed (Chinese + English)."""


class MissingRateError(ExchangeRateError):
    def __init__(self, currency: str, on: date) -> None:
        super().__init__(
            f"缺少 {currency} 在 {on.isoformat()} 的人民币汇率中间价"
            f" / no central parity rate for {currency} on {on.isoformat()}"
        )
        self.currency = currency
        self.on = on


RateSource = Mapping[tuple[str, date], Decimal] | Callable[[str, date], Decimal | None]


def from_official_quote(quote: Decimal, convention: QuoteConvention) -> Decimal:
    """RMB per 1 foreign unit, 6 decimals, from an official quote."""
    if quote <= 0:
        raise ValueError("an exchange-rate quote must be positive")
    with localcontext(CONTEXT):
        if convention is QuoteConvention.PER_100_FOREIGN:
            return round_rate(quote / HUNDRED)
        return round_rate(HUNDRED / quote)


def convert_quote(
    currency: str,
    quote: Decimal,
    conventions: Mapping[str, QuoteConvention] = DEFAULT_QUOTE_CONVENTIONS,
) -> Decimal:
    """Convert ``currency``'s official quote using the convention table."""
    convention = conventions.get(currency)
    if convention is None:
        raise ExchangeRateError(
            f"未知 {currency} 的报价方式 / unknown quotation convention for {currency}"
        )
    return from_official_quote(quote, convention)


def rate_date(method: RateMethod, export_date: date) -> date:
    """The date whose central parity applies to an export on ``export_date``."""
    if method is RateMethod.FIRST_OF_MONTH:
        return export_date.replace(day=1)
    return export_date


WEDNESDAY = 2  # date.weekday()


def third_wednesday(year: int, month: int) -> date:
    """The third Wednesday of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(WEDNESDAY - first.weekday()) % 7 + 14)


def customs_rate_date(export_date: date) -> date:
    """The date of customs' monthly rate for an export: the third Wednesday of the previous
    month [recalled: DOMAIN §12.5]. Customs' 美元/人民币离岸价 are computed at that rate; the
    line's own amounts use the enterprise's (``rate_date``)."""
    last_of_previous = export_date.replace(day=1) - timedelta(days=1)
    return third_wednesday(last_of_previous.year, last_of_previous.month)


def lookup_rate(source: RateSource, currency: str, on: date) -> Decimal:
    """The rate of ``currency`` on ``on``; CNY is 1. Raises ``MissingRateError``."""
    if currency == CNY:
        return Decimal(1)
    rate = source(currency, on) if callable(source) else source.get((currency, on))
    if rate is None:
        raise MissingRateError(currency, on)
    return rate


def rate_for_export(
    source: RateSource, method: RateMethod, currency: str, export_date: date
) -> Decimal:
    """The 折合率 of an export line under the enterprise's method."""
    return lookup_rate(source, currency, rate_date(method, export_date))


@dataclass(frozen=True, slots=True)
class MethodChoice:
    """The method in force from 1 January of ``year`` until a later choice."""

    year: int
    method: RateMethod


def method_for_year(history: Sequence[MethodChoice], year: int) -> RateMethod | None:
    """The method in force in ``year``: the latest choice made for that year or earlier."""
    in_force = [choice for choice in history if choice.year <= year]
    if not in_force:
        return None
    return max(in_force, key=lambda choice: choice.year).method


def validate_method_change(
    history: Sequence[MethodChoice],
    requested: RateMethod,
    year: int,
    *,
    used_in_year: bool,
) -> MethodChoice:
    """Check a request to use ``requested`` in ``year``; return the choice to record.

    A different method may start only in a year in which no other method has been chosen or
    used (``used_in_year``: a declaration of that year already applied the current method).
    Re-confirming the method in force is always fine.
    """
    current = method_for_year(history, year)
    if current is None or current is requested:
        return MethodChoice(year, requested)
    chosen_this_year = any(choice.year == year for choice in history)
    if chosen_this_year or used_in_year:
        raise ExchangeRateError(
            f"汇率折算方法一个年度内不得变更，{year}年已适用“{current.value}”，"
            f"最早可自{year + 1}年1月1日起改用“{requested.value}”"
            f" / the rate method cannot change within {year}; "
            f"the change can take effect from {year + 1}-01-01"
        )
    return MethodChoice(year, requested)
