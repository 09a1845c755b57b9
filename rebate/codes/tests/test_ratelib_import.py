"""import_rate_library: the official layout in, all-or-nothing, clear refusals."""

from __future__ import annotations

import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rebate.codes.models import RateEntry, RateLibraryVersion
from rebate.codes.selectors import rate_lookup
from rebate.codes.services import RateLibraryError, rate_library_import, version_from_filename

from .archive import CMCODE_SPEC, Row, build_archive

BATTERY = [
    Row("8507600090", end_date="20241130", name="其他锂离子蓄电池", tsl=13),
    Row("8507600090", st_date="20241201", name="其他锂离子蓄电池", tsl=9),
    Row("7604101000", name="非合金制铝条、杆", dwcode="035", unit="千克", tsl=0, tsflag="1"),
    Row("2710121000", name="车用汽油", zssl_set="13,9", tsl=Decimal("0")),
]


def snapshot() -> tuple[list[tuple[str, bool]], int]:
    versions = list(RateLibraryVersion.objects.order_by("version").values_list("version", "active"))
    return versions, RateEntry.objects.count()


@pytest.mark.parametrize(
    ("name", "version"),
    [
        ("CMCODE2026B.zip", "2026B"),
        ("cmcode2026A.ZIP", "2026A"),
        ("upload/CMCODE_2025C.zip", "2025C"),
        ("文库.zip", "文库"),
    ],
)
def test_version_from_file_name(name: str, version: str) -> None:
    assert version_from_filename(name) == version


@pytest.mark.django_db
def test_import_official_layout_with_gb18030_names_and_long_names(archive) -> None:
    long_name = "其他锂离子蓄电池（不含用于电动汽车的）" * 8
    path = archive(BATTERY, long_names={"8507600090": long_name}, folder="出口退税率文库2026B/")
    assert any(not info.flag_bits & 0x800 for info in zipfile.ZipFile(path).infolist())

    library = rate_library_import(path=path)

    assert (library.version, library.row_count, library.active) == ("2026B", 4, True)
    before = rate_lookup("8507600090", date(2024, 11, 30))
    after = rate_lookup("8507600090", date(2024, 12, 1))
    assert (before.rebate_rate, after.rebate_rate) == (Decimal("0.13"), Decimal("0.09"))
    assert before.name == long_name[:500]
    assert (before.unit_code, before.unit, before.version) == ("007", "个", "2026B")
    aluminium = rate_lookup("7604101000", date(2025, 1, 1))
    assert (aluminium.rebate_rate, aluminium.special_flag, aluminium.unit) == (0, "1", "千克")
    assert aluminium.name == "非合金制铝条、杆"
    petrol = RateEntry.objects.get(code="2710121000")
    assert (petrol.levy_rates, petrol.levy_rate) == ("0.13,0.09", Decimal("0.13"))
    assert petrol.valid_to == date(2099, 12, 31)


@pytest.mark.django_db
def test_new_version_becomes_active_and_old_one_stays(library) -> None:
    library([Row("8501109990", tsl=13)], version="2026A")
    library([Row("8501109990", tsl=9)], version="2026B")

    assert rate_lookup("8501109990", date(2026, 7, 1)).rebate_rate == Decimal("0.09")
    old = rate_lookup("8501109990", date(2026, 7, 1), version="2026A")
    assert old.rebate_rate == Decimal("0.13")
    assert list(
        RateLibraryVersion.objects.filter(active=True).values_list("version", flat=True)
    ) == ["2026B"]


def _not_a_zip(tmp: Path) -> Path:
    path = tmp / "CMCODE9A.zip"
    path.write_bytes(b"not a zip")
    return path


def _corrupt(path: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[60:90] = b"\x00" * 30  # inside the first member's compressed data
    path.write_bytes(bytes(data))
    return path


REFUSALS = [
    ("not_a_zip", lambda a, tmp: _not_a_zip(tmp), "不是有效的zip压缩包"),
    ("corrupt", lambda a, tmp: _corrupt(a(BATTERY)), "已损坏"),
    (
        "missing_table",
        lambda a, tmp: a(BATTERY, drop=("cmcode.DBF",), long_names={"1": "x"}),
        "缺少退税率文库表 cmcode.DBF",
    ),
    (
        "missing_memo",
        lambda a, tmp: a(BATTERY, long_names={"8507600090": "长"}, drop=("STDCM.FPT",)),
        "缺少其备注文件 STDCM.FPT",
    ),
    (
        "missing_field",
        lambda a, tmp: a(BATTERY, cmcode_spec=CMCODE_SPEC.replace("; TSL N(6,2)", "")),
        "cmcode.DBF 缺少字段：TSL",
    ),
    (
        "utf8_names",
        lambda a, tmp: a(
            [Row("8507600090", name="AAAAAAAAA")] * 3, patch=(b"AAAAAAAAA", "锂电池".encode())
        ),
        "不是GB18030编码",
    ),
    (
        "undecodable",
        lambda a, tmp: a([Row("8507600090", name="AAAA")], patch=(b"AAAA", b"\xff\xfe\xff\xfe")),
        "不是GB18030编码",
    ),
    ("bad_code", lambda a, tmp: a([Row("85076000")]), "第1行 CODE「85076000」"),
    (
        "bad_date",
        lambda a, tmp: a([Row("8507600090"), Row("8507600090", st_date="2024133")]),
        "第2行 ST_DATE「2024133」格式不正确",
    ),
    (
        "bad_rate",
        lambda a, tmp: a([Row("8507600090", zssl_set="十三")]),
        "第1行 ZSSL_SET「十三」格式不正确",
    ),
    ("bad_flag", lambda a, tmp: a([Row("8507600090", tsflag="9")]), "TSFLAG「9」应为空、1或2"),
    (
        "reversed_dates",
        lambda a, tmp: a([Row("8507600090", st_date="20250101", end_date="20240101")]),
        "END_DATE 早于 ST_DATE",
    ),
    ("empty", lambda a, tmp: a([]), "没有记录"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "make", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refused_archive_changes_nothing(library, archive, tmp_path, case, make, message) -> None:
    library([Row("8501109990", tsl=13)], version="2026A")
    before = snapshot()

    with pytest.raises(CommandError, match=message) as caught:
        call_command("import_rate_library", str(make(archive, tmp_path)), "--version", "2026Z")

    assert "已有文库未作任何修改" in str(caught.value)
    assert snapshot() == before


@pytest.mark.django_db
def test_duplicate_version_and_duplicate_file_are_refused(archive, tmp_path) -> None:
    first = archive(BATTERY, name="CMCODE2026B.zip")
    rate_library_import(path=first)
    before = snapshot()
    with pytest.raises(RateLibraryError, match="文库版本 2026B 已导入"):
        rate_library_import(path=archive([Row("8501109990")], name="other.zip"), version="2026B")
    copy = tmp_path / "CMCODE2026C.zip"
    copy.write_bytes(first.read_bytes())
    with pytest.raises(RateLibraryError, match="已作为文库版本 2026B 导入"):
        rate_library_import(path=copy)
    with pytest.raises(RateLibraryError, match="不合法"):
        rate_library_import(path=copy, version="bad version!")
    assert snapshot() == before


@pytest.mark.django_db
def test_command_output_and_no_activate(archive, capsys) -> None:
    call_command("import_rate_library", str(archive(BATTERY)), "--no-activate")
    assert "已导入退税率文库 2026B：4 条记录，未启用" in capsys.readouterr().out
    assert not RateLibraryVersion.objects.get(version="2026B").active


@pytest.mark.django_db
def test_date_typed_fields_are_accepted(archive, tmp_path) -> None:
    spec = CMCODE_SPEC.replace("ST_DATE C(8)", "ST_DATE D").replace("END_DATE C(8)", "END_DATE D")
    rows = [Row("8507600090", st_date=date(2020, 1, 1), end_date=None)]  # type: ignore[arg-type]
    path = build_archive(tmp_path / "CMCODE2026D.zip", rows, cmcode_spec=spec)
    rate_library_import(path=path)
    row = rate_lookup("8507600090", date(2030, 1, 1))
    assert (row.valid_from, row.valid_to) == (date(2020, 1, 1), date(2099, 12, 31))
