"""The bounds every upload is read within: size, archive inflation, rows and time.

A 3 MB zip can declare (and inflate to) gigabytes, and a sheet of blank rows costs as much to
walk as one of data; so before anything is parsed the upload's size and its archive's members
are checked — declared inflated sizes, their total and the compression ratio — and while it is
read every row counts (blank ones too) against the row limit and the clock against a time
budget. Python's zipfile never inflates a member past its declared size (it stops there and
the CRC check fails), so the declared sizes checked here bound the bytes actually inflated.
Every refusal is a Chinese sentence (UploadRefused) the page shows next to the file field.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings

MIB = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MIB
MAX_INFLATED_BYTES = 200 * MIB  # every member together
MAX_MEMBER_BYTES = 120 * MIB
MAX_MEMBERS = 2000
MAX_RATIO = 100  # inflated / compressed, for members above RATIO_FROM_BYTES
RATIO_FROM_BYTES = MIB
MAX_COLUMNS = 200
TIME_BUDGET_SECONDS = 300.0

NOT_XLSX = "文件格式不正确，请使用系统生成的导入模板（.xlsx）"
NOT_ZIP = "文件不是有效的zip压缩包，无法读取"


class UploadRefused(ValueError):
    """An upload outside the bounds; str() is the message for the user."""


def _size(upload: Any) -> int:
    if isinstance(upload, Path):
        return upload.stat().st_size
    size = getattr(upload, "size", None)
    if size is not None:
        return int(size)
    position = upload.tell()
    upload.seek(0, 2)
    end = int(upload.tell())
    upload.seek(position)
    return end


def check_size(upload: Any, limit: int = MAX_UPLOAD_BYTES) -> None:
    if _size(upload) > limit:
        raise UploadRefused(f"文件过大：超过{limit // MIB}MB的上限")


def check_archive(source: IO[bytes] | Any, not_archive: str = NOT_ZIP) -> None:
    """Refuse a zip whose members would inflate past the bounds (before reading any)."""
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise UploadRefused(not_archive) from exc
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    if len(members) > MAX_MEMBERS:
        raise UploadRefused(f"压缩包内文件过多（{len(members)}个），不予处理")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_INFLATED_BYTES:
            raise UploadRefused(
                f"压缩包解压后过大（超过{MAX_INFLATED_BYTES // MIB}MB的上限），不予处理"
            )
        if info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise UploadRefused("压缩包的压缩比异常（疑似压缩炸弹），不予处理")


class Budget:
    """Rows and seconds an upload may take while it is read."""

    def __init__(self, max_rows: int, seconds: float | None = None, header: int = 0) -> None:
        self.max_rows, self.header = max_rows, header  # `header` rows come on top of max_rows
        self.rows = 0
        budget = seconds if seconds is not None else _time_budget()
        self.deadline = time.monotonic() + budget
        self.seconds = budget

    def row(self) -> None:
        self.rows += 1
        if self.rows > self.max_rows + self.header:
            raise UploadRefused(f"一次最多导入{self.max_rows}行（空白行也计入）")
        if self.rows % 256 == 0:
            self.tick()

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise UploadRefused(f"文件处理超时（超过{self.seconds:g}秒），请拆分后重新上传")


def _time_budget() -> float:
    return float(getattr(settings, "UPLOAD_TIME_BUDGET_SECONDS", TIME_BUDGET_SECONDS))


def open_workbook(upload: Any) -> Any:
    """An .xlsx upload opened read-only, after the size and archive checks."""
    from openpyxl import load_workbook

    check_size(upload)
    check_archive(upload, NOT_XLSX)
    try:
        return load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        raise UploadRefused(NOT_XLSX) from exc


def sheet_rows(workbook: Any, budget: Budget) -> Iterator[tuple[Any, ...]]:
    """The first sheet's rows (values), each counted against the budget, blank ones too."""
    if not workbook.worksheets:
        raise UploadRefused(NOT_XLSX)
    sheet = workbook.worksheets[0]
    columns = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)  # a row's cells past it unread
    try:
        for values in sheet.iter_rows(values_only=True, max_col=columns):
            budget.row()
            yield values
    except UploadRefused:
        raise
    except Exception as exc:  # a sheet that breaks half-way (bad XML inside the archive)
        raise UploadRefused(NOT_XLSX) from exc
