"""Paper forms laid out page by page, like the official forms: one line per row, fixed columns.

A long table left to the PDF engine is measured cell by cell and split across pages wherever
it falls: the 明细表's 21-digit 报关单号, 20-digit 发票号 and dates wrapped into three or four
lines, 13 rows fitted a page and 35 pages took 12.6 s. Here every column has a width (mm) wide
enough for its longest value at the form's font size, cells never wrap (a long 商品名称 is set
smaller, then cut), so every row has the same height and the pages are cut here: a known number
of rows a page, the column header and the form header repeated on each, the totals and the
signature block on the last. Known pages also let a large print be rendered in chunks with
progress (rebate.declarations.reports) and keep "第 n 页 共 N 页" right across chunks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rebate.calc.money import ZERO

ROWS_PER_PAGE = 36  # A4 landscape at 6 pt: 36 rows of 4.2 mm under the headers
LAST_PAGE_ROWS = 28  # the last page also carries the totals row and the signature block
# Text widths in mm per character of Noto Sans CJK SC (measured): a CJK character is 1 em.
EM_MM = {6.0: 2.12, 4.8: 1.69, 4.3: 1.52}
ASCII_EM = 0.555  # a digit or Latin letter is about 0.555 em
PADDING_MM = 1.2  # cell padding (the collapsed borders sit on the column edges)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    label: str
    width_mm: float
    numeric: bool = False
    rate: bool = False  # a rate stored with six places prints as 0.13 (two at least)

    def fits(self, ems: float, size: float, lines: int = 1) -> bool:
        return ems * EM_MM[size] <= (self.width_mm - PADDING_MM) * lines


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    css: str  # "num", "tight" (a long text set smaller) or ""


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    rows: Sequence[Sequence[Cell]]
    last: bool


def cell_text(value: Any) -> str:
    """A value as printed: Decimals in full (no exponent), nothing for None."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _ems(text: str) -> float:
    return sum(ASCII_EM if ord(ch) < 128 else 1.0 for ch in text)


def _rate(value: Any) -> str:
    if not isinstance(value, Decimal):
        return cell_text(value)
    short = value.normalize()
    exponent = short.as_tuple().exponent
    return format(
        short if isinstance(exponent, int) and exponent < -2 else value.quantize(Decimal("0.01")),
        "f",
    )


def _cell(column: Column, value: Any) -> Cell:
    """A cell that keeps to one row's height: set at 6 pt, 4.8 pt or on two lines at 4.3 pt
    (a long 商品名称), cut with "…" beyond that. Numbers and codes are never wrapped."""
    text = _rate(value) if column.rate else cell_text(value)
    ems = _ems(text)
    if column.numeric:
        return Cell(text, "num" if column.fits(ems, 6.0) else "num tight")
    if column.fits(ems, 6.0):
        return Cell(text, "")
    if column.fits(ems, 4.8):
        return Cell(text, "tight")
    while not column.fits(_ems(text), 4.3, lines=2):
        text = text[:-2] + "…"
    return Cell(text, "two")


def split_pages(count: int, per_page: int = ROWS_PER_PAGE, last: int = LAST_PAGE_ROWS) -> list[int]:
    """Rows on each page: full pages, the last one no fuller than ``last`` (at least one page)."""
    sizes = [per_page] * (count // per_page)
    rest = count - sum(sizes)
    if rest:
        sizes.append(rest)
    if not sizes or sizes[-1] > last:
        sizes.append(0)  # the totals and the signature go on a page of their own
    return sizes


def paged_table_context(
    title: str, rows: Iterable[Any], columns: Sequence[Column], totals: Sequence[str]
) -> dict[str, Any]:
    """The template context of a paged form: pages of cells, the totals row, column widths."""
    sums: dict[str, Decimal] = dict.fromkeys(totals, ZERO)
    body: list[list[Cell]] = []
    for row in rows:
        body.append([_cell(c, getattr(row, c.name)) for c in columns])
        for name in totals:
            sums[name] += getattr(row, name) or ZERO
    pages, start = [], 0
    sizes = split_pages(len(body))
    for number, size in enumerate(sizes, 1):
        pages.append(Page(number, body[start : start + size], number == len(sizes)))
        start += size
    total_row = [_cell(c, sums[c.name]) if c.name in sums else Cell("", "") for c in columns]
    return {
        "form_title": title,
        "columns": columns,
        "pages": pages,
        "page_count": len(pages),
        "line_count": len(body),
        "totals": total_row,
        "table_width_mm": sum(c.width_mm for c in columns),
        "landscape": True,
        "paged": True,
    }
