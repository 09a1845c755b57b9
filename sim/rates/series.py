"""The simulated world's one 人民币汇率中间价 series, and customs' monthly rate taken from it.

The rate source (CFETS / SAFE, DOMAIN §1.3) publishes one central parity per currency and day;
everybody in the simulated world reads the same series: the product downloads it through its
rate-source adapter, and customs computes its 美元/人民币离岸价 at its monthly rate, which is
the central parity of the previous month's third Wednesday (DOMAIN §12.5, rebate.calc.exchange
.customs_rate_date).

Values are **synthetic demo data** (a seeded walk around 2023 levels), never official rates.
Quotes follow SAFE's convention: RMB per 100 foreign units, or foreign units per 100 RMB for the
currencies DOMAIN §1.3 lists; rebate.calc.exchange.convert_quote makes them RMB per 1 unit.
**[project decision]** The series has a value for every calendar day (the real one skips
weekends and holidays), so an export on any day has its 当天 rate.
"""

from __future__ import annotations

import functools
import random
from datetime import date, timedelta
from decimal import Decimal

from rebate.calc.exchange import convert_quote, customs_rate_date

START = date(2023, 1, 1)
# (quote on START, quote step): the walk moves in basis points of the START quote.
BASES: dict[str, tuple[Decimal, Decimal]] = {
    "USD": (Decimal("705.00"), Decimal("0.01")), "EUR": (Decimal("770.00"), Decimal("0.01")),
    "JPY": (Decimal("5.2000"), Decimal("0.0001")), "HKD": (Decimal("90.000"), Decimal("0.001")),
    "GBP": (Decimal("870.00"), Decimal("0.01")), "AUD": (Decimal("480.00"), Decimal("0.01")),
    "CAD": (Decimal("520.00"), Decimal("0.01")), "SGD": (Decimal("525.00"), Decimal("0.01")),
    "CHF": (Decimal("760.00"), Decimal("0.01")), "KRW": (Decimal("18500.00"), Decimal("0.01")),
}  # fmt: skip
CURRENCIES = tuple(BASES)
MAX_POINTS = 800  # the walk stays within ±8 % of its START quote
_walks: dict[str, list[int]] = {}
_rngs: dict[str, random.Random] = {}


class NotPublished(LookupError):
    """No quote for that currency and day (unknown currency, or before the series starts)."""


def _points(currency: str, offset: int) -> int:
    """The walk's position (basis points) ``offset`` days after START, extended on demand."""
    walk = _walks.setdefault(currency, [0])
    if currency not in _rngs:  # not setdefault: seeding a Random from a string costs a hash
        _rngs[currency] = random.Random(f"sim-rates-{currency}")
    rng = _rngs[currency]
    while len(walk) <= offset:
        walk.append(max(-MAX_POINTS, min(MAX_POINTS, walk[-1] + rng.randint(-14, 14))))
    return walk[offset]


def quote(currency: str, day: date) -> Decimal:
    """The official quote of ``currency`` on ``day`` (SAFE convention)."""
    if currency not in BASES or day < START:
        raise NotPublished(f"{currency} {day.isoformat()}")
    base, step = BASES[currency]
    points = _points(currency, (day - START).days)
    return (base * (10000 + points) / 10000).quantize(step)


@functools.cache  # the series is fixed: sim_seed asks for the same days a million times
def central_parity(currency: str, day: date) -> Decimal:
    """RMB per 1 unit, 6 places, as the rate table holds it (DOMAIN §1.3)."""
    return convert_quote(currency, quote(currency, day))


def customs_rates(export_date: date) -> dict[str, Decimal]:
    """Customs' monthly rates for an export on ``export_date``: every currency's central
    parity of the previous month's third Wednesday."""
    return dict(_rates_on(customs_rate_date(export_date)))


@functools.cache
def _rates_on(day: date) -> dict[str, Decimal]:
    return {currency: central_parity(currency, day) for currency in CURRENCIES}


def days(date_from: date, date_to: date) -> list[date]:
    start = max(date_from, START)
    return [start + timedelta(days=n) for n in range((date_to - start).days + 1)]
