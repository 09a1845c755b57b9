"""The rate library zip and the exchange-rate sheets are read within the upload bounds, and a
file that cannot be read is refused in Chinese (issue 13 points 5 and 8)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from rebate.codes.services.exchange import exchange_rates_import

ENGLISH = re.compile(r"[A-Za-z]{4,}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "filename"),
    [(b"not a zip", "rates.xlsx"), (b"PK\x03\x04broken", "rates.xlsx")],
)
def test_an_unreadable_rate_sheet_is_refused_in_chinese(staff, content, filename) -> None:
    with pytest.raises(ValidationError) as caught:
        exchange_rates_import(content=content, filename=filename, actor=staff)
    [message] = caught.value.messages
    assert message == "文件格式不正确，请使用系统生成的导入模板（.xlsx）"


@pytest.mark.django_db
def test_a_rate_sheet_of_too_many_rows_is_refused(staff) -> None:
    rows = "日期,美元\n" + "".join(f"2026-03-02,710.{n % 100:02d}\n" for n in range(20_001))
    with pytest.raises(ValidationError, match="一次最多导入20000行"):
        exchange_rates_import(content=rows.encode(), filename="many.csv", actor=staff)


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("cmcode.DBF", b"\0" * (30 * 1024 * 1024))
    return path


@pytest.mark.django_db
def test_a_rate_library_zip_bomb_is_refused_before_extraction(tmp_path) -> None:
    bomb = _bomb(tmp_path / "CMCODE2026Z.zip")
    assert bomb.stat().st_size < 100_000
    with pytest.raises(CommandError, match="疑似压缩炸弹"):
        call_command("import_rate_library", str(bomb), "--version", "2026Z", stdout=io.StringIO())


@pytest.mark.django_db
def test_a_broken_rate_library_says_so_in_chinese(archive) -> None:
    from .archive import Row

    path = archive([Row("8507600090")])
    data = bytearray(path.read_bytes())
    data[60:90] = b"\x00" * 30
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError) as caught:
        call_command("import_rate_library", str(path), "--version", "2026Z", stdout=io.StringIO())
    assert "已损坏" in str(caught.value)
    names = re.compile(r"「[^」]*」|\w+\.DBF")  # file names stay as they are
    assert not ENGLISH.search(names.sub("", str(caught.value)))
