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


@pytest.mark.parametrize(
    "text",
    [
        "=HYPERLINK(1)",
        "@SUM(A1:A2)",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "-A1",
        "+SUM(1,2)",
        "\t=1+1",
        "\r\n@x",
        " =1",
    ],
)
def test_text_a_spreadsheet_would_evaluate_is_neutralised(text) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["+1-2", "-1", "-0.50", "+86 755 8888 1234", "(1)-2", "-", "+", "1=1", "a@b.cn", "\tx"]
)
def test_real_values_are_written_as_they_are(text) -> None:
    assert neutralise(text) == text


def test_non_text_is_never_neutralised() -> None:
    assert neutralise(5) == 5
