"""Upload bounds (issue 13 point 5): inflation, ratio, blank rows and time are checked before
and while an upload is read; every refusal is Chinese and changes nothing."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from rebate.accounts.tests.factories import make_uscc
from rebate.configuration.models import Principal
from rebate.configuration.records import PRINCIPAL
from rebate.core.imports import MAX_ROWS, ImportFailed, run_import
from rebate.core.testing.record_tests import workbook_bytes
from rebate.core.uploads import UploadRefused, check_archive

pytestmark = pytest.mark.django_db
ASCII_WORDS = re.compile(r"[A-Za-z]{4,}")


def principal_sheet(rows: int = 1, bad: int | None = None) -> bytes:
    """委托企业 rows with distinct valid 纳税人识别号 (row `bad`, 0-based, with an invalid one)."""
    ids = [make_uscc(n + 1) if n != bad else "12345" for n in range(rows)]
    lines: list[list[object]] = [[f"委托企业{n}", ids[n]] for n in range(rows)]
    return workbook_bytes(["企业名称", "纳税人识别号"], lines).getvalue()


def with_sheet(data: bytes, rewrite: object) -> bytes:
    """The workbook with its first sheet's XML passed through `rewrite`."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = rewrite(content)  # type: ignore[operator]
            target.writestr(info.filename, content)
    return out.getvalue()


def refusal(upload: bytes, enterprise, clerk) -> str:
    with pytest.raises(ImportFailed) as failed:
        run_import(PRINCIPAL, enterprise=enterprise, actor=clerk, upload=io.BytesIO(upload))
    [error] = failed.value.errors
    assert not ASCII_WORDS.search(error.message.replace("xlsx", "")), error.message
    assert not Principal.objects.exists()
    return error.message


def test_a_sheet_padded_past_the_compression_ratio_is_refused_unread(enterprise, clerk) -> None:
    padding = b" " * (40 * 1024 * 1024)  # 40 MB of whitespace deflates to some 40 KB
    bomb = with_sheet(
        principal_sheet(), lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding)
    )
    assert len(bomb) < 200_000
    assert "压缩炸弹" in refusal(bomb, enterprise, clerk)


def test_blank_rows_count_against_the_row_limit(enterprise, clerk) -> None:
    blank = b"".join(b'<row r="%d"/>' % n for n in range(2, MAX_ROWS + 10))

    last = MAX_ROWS + 10

    def pad(xml: bytes) -> bytes:  # the data row moves below some 50,000 blank ones
        moves = [(b'<row r="2"', blank + b'<row r="%d"' % last), (b"A1:B2", b"A1:B%d" % last),
                 (b'r="A2"', b'r="A%d"' % last), (b'r="B2"', b'r="B%d"' % last)]  # fmt: skip
        for old, new in moves:
            xml = xml.replace(old, new)
        return xml

    message = refusal(with_sheet(principal_sheet(), pad), enterprise, clerk)
    assert message == f"一次最多导入{MAX_ROWS}行（空白行也计入）"


def test_reading_stops_at_the_time_budget(enterprise, clerk, settings) -> None:
    settings.UPLOAD_TIME_BUDGET_SECONDS = 0
    assert "文件处理超时" in refusal(principal_sheet(300), enterprise, clerk)


def test_not_an_xlsx_is_a_chinese_message(enterprise, clerk) -> None:
    assert refusal(b"PK\x03\x04 not really a zip", enterprise, clerk) == (
        "文件格式不正确，请使用系统生成的导入模板（.xlsx）"
    )


def test_a_member_declaring_more_than_the_bound_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b"<a/>")
    data = bytearray(out.getvalue())
    # Declare 300 MB in the central directory (uncompressed size at offset 24 of its entry).
    entry = data.rindex(b"PK\x01\x02")
    data[entry + 24 : entry + 28] = (300 * 1024 * 1024).to_bytes(4, "little")
    with pytest.raises(UploadRefused, match="解压后过大"):
        check_archive(io.BytesIO(bytes(data)))
