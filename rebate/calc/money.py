"""One precision and rounding policy for every figure in the rebate rules.

DOMAIN §1.4 [project decision]: amounts are yuan (or foreign units) with 2 decimals, rounded
ROUND_HALF_UP per detail line, and every total is a sum of rounded lines. Tax rates and
allocation rates are decimal fractions (0.13, not 13); exchange rates are RMB per 1 unit
with 6 decimals; quantities have 5 decimals.

Values enter only as ``str`` or ``Decimal``. A ``float`` (or ``int``/``bool``, which JSON
readers produce for bare numbers) is refused: binary floats cannot hold 1.005, so a float
anywhere on the path turns the contract's ``1.005 → 1.01`` into ``1.00``.

Arithmetic on the hot path uses the ordinary operators inside ``localcontext(CONTEXT)`` (see
``mdt``); ``round_*`` pass ``CONTEXT`` explicitly so that a caller's thread-local context can
never change a rounding.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Final

# 50 significant digits: an 18-digit amount times a 6-decimal rate times a 6-decimal rate
# stays exact, so the only rounding that ever happens is the quantize at a named point.
CONTEXT: Final = Context(
    prec=50,
    rounding=ROUND_HALF_UP,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

ZERO: Final = Decimal("0.00")
CENT: Final = Decimal("0.01")
RATE_STEP: Final = Decimal("0.000001")
QUANTITY_STEP: Final = Decimal("0.00001")
HUNDRED: Final = Decimal(100)

AMOUNT_PLACES: Final = 2
RATE_PLACES: Final = 6
QUANTITY_PLACES: Final = 5
# DECIMAL(18,2) on the tax side: 16 integer digits.
MAX_INTEGER_DIGITS: Final = 16

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.(\d+))?")


class MoneyError(ValueError):
    """A value that is not an acceptable amount, rate or quantity (message says why)."""


def round_amount(value: Decimal) -> Decimal:
    """Round to 0.01, halves away from zero: 1.005 → 1.01, −0.005 → −0.01."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP, context=CONTEXT)


def round_rate(value: Decimal) -> Decimal:
    """Round an exchange rate or 分配率 to 6 decimals, ROUND_HALF_UP."""
    return value.quantize(RATE_STEP, rounding=ROUND_HALF_UP, context=CONTEXT)


def round_quantity(value: Decimal) -> Decimal:
    """Round a quantity to 5 decimals, ROUND_HALF_UP."""
    return value.quantize(QUANTITY_STEP, rounding=ROUND_HALF_UP, context=CONTEXT)


def format_amount(value: Decimal) -> str:
    """The output form of an amount: a string with exactly two decimals ("-0.00" → "0.00")."""
    rounded = round_amount(value)
    if rounded.is_zero():
        rounded = ZERO
    return f"{rounded:f}"


def _parse(value: object, places: int, what: str) -> Decimal:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(f"not a finite {what}")
        text = f"{value:f}"
    elif isinstance(value, str):
        text = value
    else:
        raise MoneyError(
            f'{what} must be a decimal string such as "100.00", not {type(value).__name__}'
        )
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise MoneyError("not a decimal string")
    decimals = match.group(1) or ""
    if len(decimals.rstrip("0")) > places:
        raise MoneyError(f"more than {places} decimal places")
    integer_digits = len(text.lstrip("-").split(".")[0])
    if integer_digits > MAX_INTEGER_DIGITS:
        raise MoneyError(f"more than {MAX_INTEGER_DIGITS} integer digits")
    return Decimal(text)


def parse_amount(value: object) -> Decimal:
    """An amount (may be negative for 红字冲减) with at most 2 decimals, from str or Decimal."""
    return _parse(value, AMOUNT_PLACES, "amount")


def parse_quantity(value: object) -> Decimal:
    """A quantity with at most 5 decimals, from str or Decimal."""
    return _parse(value, QUANTITY_PLACES, "quantity")


def parse_fraction(value: object) -> Decimal:
    """A tax or allocation rate as a fraction 0 ≤ r ≤ 1 with at most 6 decimals."""
    rate = _parse(value, RATE_PLACES, "rate")
    if rate < 0 or rate > 1:
        raise MoneyError("rate must be a fraction between 0 and 1 (0.13, not 13)")
    return rate


def parse_exchange_rate(value: object) -> Decimal:
    """RMB per 1 foreign unit, positive, at most 6 decimals."""
    rate = _parse(value, RATE_PLACES, "exchange rate")
    if rate <= 0:
        raise MoneyError("exchange rate must be positive")
    return rate


def parse_non_negative_amount(value: object) -> Decimal:
    """An amount that may not be negative (freight, insurance, a declaration total)."""
    amount = parse_amount(value)
    if amount < 0:
        raise MoneyError("must not be negative")
    return amount
