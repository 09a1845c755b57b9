"""Reading a bank statement (CSV or .xlsx) with the columns 日期, 金额, 摘要 into checked rows.

All or nothing: every row is checked first and any error refuses the whole file, each error
naming its row in Chinese. Bounded by size (rebate.core.uploads), rows and time.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from rebate.core.imports import cell_text
from rebate.core.uploads import Budget, UploadRefused, check_size, open_workbook, sheet_rows

MAX_ROWS = 1000
MAX_BYTES = 2 * 1024 * 1024
HEADERS = ("日期", "金额", "摘要")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d")
NOT_STATEMENT = "文件格式不正确：请上传含“日期、金额、摘要”列的CSV或Excel（.xlsx）银行流水"
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class StatementRow:
    received_on: datetime.date
    amount: Decimal
    summary: str


class StatementRefused(ValueError):
    """The file or some rows are wrong: ``errors`` are the Chinese messages, one per row."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("；".join(errors))
        self.errors = errors


def parse_date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_amount(text: str) -> Decimal | None:
    """A positive amount of at most 2 places; bank statements write thousands with commas."""
    try:
        value = Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0 or value != value.quantize(CENT):
        return None
    return value


def _csv_rows(data: bytes, budget: Budget) -> Iterator[tuple[Any, ...]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UploadRefused(NOT_STATEMENT)
    for row in csv.reader(io.StringIO(text)):
        budget.row()
        yield tuple(row)


def _rows(upload: Any, budget: Budget) -> Iterator[tuple[Any, ...]]:
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".xlsx"):
        yield from sheet_rows(open_workbook(upload), budget)
    elif name.endswith(".csv"):
        yield from _csv_rows(upload.read(MAX_BYTES + 1), budget)
    else:
        raise UploadRefused(NOT_STATEMENT)


def _columns(header: tuple[Any, ...]) -> dict[str, int]:
    found = {cell_text(v): i for i, v in enumerate(header) if cell_text(v) in HEADERS}
    missing = [h for h in HEADERS if h not in found]
    if missing:
        raise StatementRefused([f"第1行：缺少列“{'、'.join(missing)}”（应为日期、金额、摘要）"])
    return found


def _check(number: int, values: dict[str, str], errors: list[str]) -> StatementRow | None:
    received_on = parse_date(values["日期"])
    amount = parse_amount(values["金额"])
    if received_on is None:
        errors.append(f"第{number}行：日期“{values['日期']}”格式不正确，应为如2026-03-15的日期")
    if amount is None:
        errors.append(f"第{number}行：金额“{values['金额']}”应为大于0、最多两位小数的数字")
    if len(values["摘要"]) > 200:
        errors.append(f"第{number}行：摘要超过200字")
    if received_on is None or amount is None or len(values["摘要"]) > 200:
        return None
    return StatementRow(received_on, amount, values["摘要"])


def read_statement(upload: Any) -> list[StatementRow]:
    """The statement's rows, or StatementRefused with every row's error."""
    try:
        check_size(upload, MAX_BYTES)
        budget = Budget(MAX_ROWS, header=1)
        rows = _rows(upload, budget)
        columns = _columns(next(rows, ()))
        found: list[StatementRow] = []
        errors: list[str] = []
        for number, raw in enumerate(rows, start=2):
            values = {h: cell_text(raw[i]) if i < len(raw) else "" for h, i in columns.items()}
            if not any(values.values()):
                continue
            row = _check(number, values, errors)
            if row is not None:
                found.append(row)
    except UploadRefused as exc:
        raise StatementRefused([str(exc)]) from exc
    if errors:
        raise StatementRefused(errors[:50])
    if not found:
        raise StatementRefused(["银行流水中没有数据行"])
    return found
