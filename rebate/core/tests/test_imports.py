"""The Excel cell → text policy of imports (money stays Decimal, never float-rounded)."""

from __future__ import annotations

import datetime

import pytest

from rebate.core.excel import neutralise
from rebate.core.imports import cell_text


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (7100.0, "7100"),
        (1234.56, "1234.56"),
        (0.1 + 0.2, "0.3"),  # no binary noise
        (1.005, "1.005"),  # kept as typed: the amount field then refuses 3 places
        (1e16, "10000000000000000"),
        (530420260000000123001, "530420260000000123001"),  # an int stays exact
        (datetime.datetime(2026, 3, 5), "2026-03-05"),
        (datetime.date(2026, 3, 5), "2026-03-05"),
        ("  FP1 ", "FP1"),
        (None, ""),
        (True, "1"),
    ],
)
def test_cell_text(cell, text) -> None:
    assert cell_text(cell) == text


def test_formula_like_text_is_neutralised() -> None:
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("-1") == "'-1" and neutralise(5) == 5
