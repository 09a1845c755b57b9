"""Reference data for generated enterprises: product catalogue, countries, rates.

Commodity codes and country codes are real customs tables (sim/data). Rebate rates are the
SAMPLE library's **demo values** (rebate.calc.sample_rates), never a source of law (DOMAIN
§11.3: no redistributable 文库 exists); exchange rates are customs' monthly rates from
sim.rates.series.
"""

from __future__ import annotations

import csv
import functools
import zlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from rebate.calc.periods import Period
from rebate.calc.sample_rates import SAMPLE_START as LIBRARY_FROM
from rebate.calc.sample_rates import sample_periods
from sim.rates import series

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
# Chapters a mid-size electronics / machinery / light-industry manufacturer exports.
CATALOGUE_CHAPTERS = ("84", "85", "94", "95", "39", "73", "63", "42")
UNITS_WITH_INTEGER_QUANTITIES = frozenset({"001", "006", "007", "011", "012", "015", "025"})


@dataclass(frozen=True, slots=True)
class Product:
    code: str
    name: str
    unit: str
    levy_rate: Decimal
    unit_price_usd: Decimal  # typical price per legal unit


@functools.cache
def commodity_rows() -> tuple[tuple[str, str, Decimal, str], ...]:
    with (DATA_DIR / "commodity_codes_2020.csv").open(encoding="utf-8") as handle:
        return tuple(
            (row["code"], row["name"], Decimal(row["vat_rate"]), row["first_unit"])
            for row in csv.DictReader(handle)
        )


def _stable(text: str) -> int:
    return zlib.crc32(text.encode())


@functools.cache
def catalogue(customs_code: str, size: int = 60) -> tuple[Product, ...]:
    """A deterministic product range for an enterprise (VAT 13 %, integer or kg units)."""
    eligible = [
        row
        for row in commodity_rows()
        if row[0][:2] in CATALOGUE_CHAPTERS and row[2] == Decimal("0.13") and row[3]
    ]
    eligible.sort(key=lambda row: _stable(customs_code + row[0]))
    products = []
    for code, name, levy, unit in eligible[:size]:
        price = Decimal(5 + _stable(code) % 400) + Decimal(_stable(code[::-1]) % 100) / 100
        products.append(Product(code, name[:100], unit, levy, price))
    return tuple(products)


def rate_periods(code: str, levy_rate: Decimal) -> list[tuple[date, date, Decimal]]:
    """The code's 退税率 by date in the simulated world's one 文库: the SAMPLE library's rule
    (rebate.calc.sample_rates: 退税率 = 征税率 but for its dated groups), which the product's
    SAMPLE 文库 follows too (demo data only, never law)."""
    return sample_periods(code, levy_rate, LIBRARY_FROM)


def rebate_rate(code: str, levy_rate: Decimal, on: date) -> Decimal:
    """The 退税率 of ``code`` valid on ``on`` (its export date)."""
    for start, end, rate in rate_periods(code, levy_rate):
        if start <= on <= end:
            return rate
    return levy_rate


def monthly_rates(period: Period) -> dict[str, Decimal]:
    """Customs' rates for exports of ``period``: the central parity of the previous month's
    third Wednesday, from the simulated world's one series (sim.rates.series)."""
    return series.customs_rates(period.last_day)


@functools.cache
def numeric_countries() -> dict[str, str]:
    with (DATA_DIR / "countries.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["old_customs_code"] for row in csv.DictReader(handle)}


DESTINATIONS = (
    ("USA", 30), ("DEU", 10), ("JPN", 8), ("HKG", 8), ("GBR", 6), ("KOR", 6), ("SGP", 5),
    ("AUS", 5), ("NLD", 5), ("VNM", 5), ("ARE", 4), ("CAN", 4), ("FRA", 4),
)  # fmt: skip
CURRENCIES = (("USD", 70), ("EUR", 12), ("JPY", 6), ("HKD", 6), ("GBP", 6))
TRANSACTION_TERMS = (("3", 55), ("1", 25), ("2", 15), ("7", 5))  # FOB, CIF, C&F, EXW
TRANSPORT_MODES = (("2", 60), ("5", 25), ("4", 10), ("3", 5))  # 水路, 航空, 公路, 铁路
TRADE_MODES = (("0110", 78), ("0615", 15), ("0715", 7))
EXIT_PORTS = {"2": "470201", "5": "470401", "4": "470101", "3": "470301"}
