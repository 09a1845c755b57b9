"""批量导出's writer against XlsxWriter (issue 22): keep the hand-written one only if the library
is more than 1.5× slower or cannot stream.

    python bench/bench_xlsx.py [--lines N]        # default 100,000

Both write the same rows of a 15-column 明细表 export (cells as ``rebate.core.excel.cell_value``
makes them) into a temporary file: ours with ``write_xlsx``, the library in constant_memory mode
(rows flushed as written, inline strings) with strings never read as formulas, URLs or numbers
and the same neutralising and control-character removal. No database: the rows are in memory
before either clock starts, so only the writers are timed.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import Row, lines_main  # noqa: E402

SCALES = {"small": 10_000, "medium": 100_000, "large": 100_000}
KEEP_IF_SLOWER = 1.5
HEADER = ["所属期", "序号", "出口报关单号", "出口日期", "出口商品代码", "出口商品名称", "出口数量",
          "美元离岸价", "人民币离岸价", "征税率", "退税率", "不得免征和抵扣税额", "免抵退税额",
          "业务类型", "状态"]  # fmt: skip


def export_rows(count: int) -> list[list[Any]]:
    from rebate.core.excel import cell_value

    rows: list[list[Any]] = [HEADER]
    for n in range(count):
        usd = Decimal(f"{(n * 7919) % 90_000 + 100}.{n % 100:02d}")
        cny = (usd * Decimal("7.1")).quantize(Decimal("0.01"))
        rows.append([cell_value(v) for v in (
            "202512", f"{n + 1:06d}", f"{530120260000000000 + n:018d}001",
            dt.date(2025, 12, 1 + n % 28), "8501109990", "微电机", Decimal(100 + n % 50), usd, cny,
            Decimal("0.13"), Decimal("0.10"), (cny * Decimal("0.03")).quantize(Decimal("0.01")),
            (cny * Decimal("0.10")).quantize(Decimal("0.01")), "", "已采集",
        )])  # fmt: skip
    return rows


def ours(rows: list[list[Any]]) -> tuple[float, int]:
    from rebate.core.excel import write_xlsx

    start = time.perf_counter()
    with write_xlsx(iter(rows), "出口明细") as handle:
        seconds = time.perf_counter() - start
        return seconds, handle.seek(0, 2)


def xlsxwriter_constant_memory(rows: list[list[Any]]) -> tuple[float, int]:
    import xlsxwriter

    from rebate.core.excel import _ILLEGAL_XML, neutralise

    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}  # fmt: skip
    start = time.perf_counter()
    with tempfile.TemporaryFile() as handle:
        workbook = xlsxwriter.Workbook(handle, options)
        sheet = workbook.add_worksheet("出口明细")
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, (int, Decimal)):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, _ILLEGAL_XML.sub("", str(neutralise(value))))
        workbook.close()
        return time.perf_counter() - start, handle.seek(0, 2)


def run(scale: str | int = "medium") -> list[dict[str, Any]]:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    count = SCALES[scale] if isinstance(scale, str) else int(scale)
    rows = export_rows(count)
    ours_s, ours_size = ours(rows)
    lib_s, lib_size = xlsxwriter_constant_memory(rows)
    slower = lib_s / ours_s
    keep = slower > KEEP_IF_SLOWER
    row = Row(
        "批量导出 writer: 手写 vs XlsxWriter constant_memory",
        count,
        ours_s,
        target=f"library > {KEEP_IF_SLOWER}× slower to keep ours",
        passed=keep,
        notes=f"XlsxWriter {lib_s:.2f} s ({lib_size / 2**20:.1f} MB) = {slower:.2f}× ours "
        f"({ours_size / 2**20:.1f} MB): "
        + ("keep the hand-written writer" if keep else "switch to XlsxWriter"),
        extra={"library_seconds": round(lib_s, 3), "library_ratio": round(slower, 2)},
    )
    return [row.as_dict()]


def main() -> int:
    return lines_main(__doc__, run, SCALES["medium"])


if __name__ == "__main__":
    sys.exit(main())
