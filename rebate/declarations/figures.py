"""A batch's figures in its JSON column: Decimal amounts kept as strings, never as floats.

JSON has only binary floating-point numbers, which cannot hold 0.10 exactly; every amount is
therefore written as its decimal string ("1234.50") and read back with Decimal (DESIGN §4 rule 6).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any


def figures_json(figures: Mapping[str, Decimal]) -> dict[str, str]:
    """The figures as stored: each a plain decimal string (no exponent)."""
    stored: dict[str, str] = {}
    for key, value in figures.items():
        if not isinstance(value, Decimal):
            raise TypeError(f"figure {key} is {type(value).__name__}, not Decimal")
        stored[key] = format(value, "f")
    return stored


def read_figure(stored: Mapping[str, Any] | None, key: str) -> Decimal | None:
    """One stored figure as a Decimal, None when it is absent (or not a decimal string)."""
    value = (stored or {}).get(key)
    if not isinstance(value, str):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None
