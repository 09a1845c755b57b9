"""Excel out (streamed, constant memory) and in (read-only mode), with formula neutralising."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import FileResponse
from django_tables2.rows import BoundRow
from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: Any) -> Any:
    """A text cell starting like a formula is written with a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def cell_value(value: Any) -> Any:
    if value is None or isinstance(value, (int, Decimal)):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    return neutralise(str(value))


def table_rows(table: Any, chunk_size: int = 2000) -> Iterator[list[Any]]:
    """Header, then one row per record, pulled through queryset.iterator() to keep memory flat."""
    columns = [c for c in table.columns if c.column.exclude_from_export is False and c.visible]
    yield [str(c.header) for c in columns]
    data = table.data.data
    records: Iterable[Any] = (
        data.iterator(chunk_size=chunk_size) if hasattr(data, "iterator") else data
    )
    for record in records:
        row = BoundRow(record, table=table)
        yield [cell_value(row.get_cell_value(c.name)) for c in columns]


def write_xlsx(rows: Iterable[Sequence[Any]], title: str = "Sheet1") -> Any:
    """Write rows with openpyxl's write-only mode into a temporary file; returns the open file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def xlsx_response(handle: Any, filename: str) -> FileResponse:
    response = FileResponse(handle, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def stream_xlsx(table: Any, filename: str) -> FileResponse:
    return xlsx_response(write_xlsx(table_rows(table), filename.removesuffix(".xlsx")), filename)
