"""The streamed xlsx writer: readable by Excel readers, exact Decimals, neutralised text."""

from __future__ import annotations

import datetime
from decimal import Decimal

from openpyxl import load_workbook

from rebate.core.excel import write_xlsx


def test_written_file_reads_back() -> None:
    rows = [
        ["出口报关单号", "金额", "日期", "备注"],
        ["530420260000000123001", Decimal("-7100.05"), datetime.date(2026, 3, 5), "=1+1"],
        ["<&>", 12, None, True],
    ]
    sheet = load_workbook(write_xlsx(rows, "出口/明细")).active
    assert sheet is not None and sheet.title == "出口_明细"
    values = list(sheet.values)
    assert values[1] == ("530420260000000123001", -7100.05, "2026-03-05", "'=1+1")
    assert values[2][:2] == ("<&>", 12) and values[2][3] == "是"


def test_a_signed_value_reads_back_unchanged_and_a_formula_does_not() -> None:
    rows = [["+1-2", "-0.5", "+cmd|' /C calc'!A0"]]
    values = list(load_workbook(write_xlsx(rows)).active.values)  # type: ignore[union-attr]
    assert values[0] == ("+1-2", "-0.5", "'+cmd|' /C calc'!A0")
