"""Read the official 出口退税率文库 archive (DOMAIN §11.1) into plain rows, validating everything.

The archive is a zip of FoxPro tables: ``cmcode.DBF`` (one row per code and validity interval)
and optionally ``stdcm.dbf`` + ``STDCM.FPT`` (long names in a memo field). Texts are GB18030;
rates are percentages (13 = 13 %) and become fractions (0.13). Nothing here writes to the
database: the importer stores the rows only when the whole archive has been read cleanly.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from dbfread import DBF
from dbfread.exceptions import DBFNotFound, MissingMemoFile
from dbfread.field_parser import FieldParser

from rebate.codes.models import OPEN_END
from rebate.core.uploads import MIB, Budget, UploadRefused, check_archive, check_size

ENCODING = "gb18030"
CMCODE = "cmcode.dbf"
STDCM = "stdcm.dbf"
STDCM_MEMO = "stdcm.fpt"
REQUIRED_FIELDS = (
    "CODE", "ST_DATE", "END_DATE", "ZHCMCODE", "NAME", "DWCODE", "UNIT", "BCFLAG", "STDFLAG",
    "DWFLAG", "SZ", "ZSSL_SET", "CLDE", "CJDL", "TSL", "SPLB", "TSFLAG", "NOTE",
)  # fmt: skip
STDCM_FIELDS = ("CODE", "NAME")
CODE_PATTERN = re.compile(r"^\d{10,20}$")
HUNDRED = Decimal(100)
RATE_STEP = Decimal("0.000001")
MAX_ERRORS = 20
MAX_ARCHIVE_BYTES = 50 * MIB
MAX_LIBRARY_ROWS = 500_000  # the national library holds some 20,000 codes per version
SPECIAL_FLAGS = {"": "", "0": "", "1": "1", "2": "2"}


class RateLibraryError(Exception):
    """The archive is refused; the message says why, in Chinese, naming table/row/field."""


@dataclass(slots=True)
class RateRecord:
    code: str
    valid_from: date
    valid_to: date
    converted_code: str
    name: str
    unit_code: str
    unit: str
    basic_flag: str
    standard_flag: str
    standard_unit_flag: str
    tax_kind: str
    levy_rates: str
    levy_rate: Decimal
    quantity_levy: str
    ad_valorem: str
    rebate_rate: Decimal
    category: str
    special_flag: str
    note: str


@dataclass(slots=True)
class EncodingStats:
    non_ascii: int = 0
    utf8_like: int = 0


@dataclass(slots=True)
class ParsedLibrary:
    records: list[RateRecord]
    long_names: int = 0
    members: list[str] = field(default_factory=list)


def _parser_class(stats: EncodingStats) -> type[FieldParser]:
    class DecimalFieldParser(FieldParser):  # type: ignore[misc,unused-ignore]
        """Numbers as Decimal (never float); counts texts that look UTF-8 rather than GB18030."""

        def parseN(self, field: Any, data: bytes) -> Decimal | None:
            text = data.strip().strip(b"*").replace(b",", b".")
            if not text:
                return None
            try:
                return Decimal(text.decode("ascii"))
            except (InvalidOperation, UnicodeDecodeError) as exc:
                raise ValueError(f"字段 {field.name} 不是数字：{text!r}") from exc

        parseF = parseN

        def decode_text(self, text: bytes) -> str:
            if any(byte > 0x7F for byte in text):
                stats.non_ascii += 1
                try:
                    text.decode("utf-8")
                    stats.utf8_like += 1
                except UnicodeDecodeError:
                    pass
            try:
                return str(text.decode(ENCODING, errors="strict"))
            except UnicodeDecodeError as exc:
                # FoxPro cuts a long text at the field width, which may split the last
                # double-byte character: drop that dangling byte, refuse anything else.
                if exc.start < len(text) - 1 or "incomplete" not in exc.reason:
                    raise
                return str(text[: exc.start].decode(ENCODING, errors="strict"))

    return DecimalFieldParser


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's real name: zips made on Chinese Windows store names in GB18030."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode(ENCODING)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _find(infos: dict[str, zipfile.ZipInfo], basename: str) -> zipfile.ZipInfo | None:
    for name, info in infos.items():
        if name.replace("\\", "/").rsplit("/", 1)[-1].casefold() == basename:
            return info
    return None


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    # Written under a fixed name: a member's path is never used (no zip-slip).
    with archive.open(info) as source:
        target.write_bytes(source.read())


def _open_archive(path: Path, workdir: Path) -> list[str]:
    try:
        check_size(path, MAX_ARCHIVE_BYTES)
        check_archive(path, f"文件「{path.name}」不是有效的zip压缩包，无法读取")
    except UploadRefused as refused:
        raise RateLibraryError(str(refused)) from refused
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise RateLibraryError(f"文件「{path.name}」不是有效的zip压缩包，无法读取") from exc
    with archive:
        infos = {member_name(info): info for info in archive.infolist()}
        try:
            broken = archive.testzip()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise RateLibraryError(f"压缩包「{path.name}」已损坏，无法解压") from exc
        if broken is not None:
            raise RateLibraryError(f"压缩包「{path.name}」已损坏：{broken} 校验失败")
        cmcode = _find(infos, CMCODE)
        if cmcode is None:
            raise RateLibraryError("压缩包中缺少退税率文库表 cmcode.DBF")
        _extract(archive, cmcode, workdir / "cmcode.dbf")
        stdcm = _find(infos, STDCM)
        if stdcm is not None:
            memo = _find(infos, STDCM_MEMO)
            if memo is None:
                raise RateLibraryError("压缩包中有 stdcm.dbf 但缺少其备注文件 STDCM.FPT")
            _extract(archive, stdcm, workdir / "stdcm.dbf")
            _extract(archive, memo, workdir / "stdcm.fpt")
    return sorted(infos)


def _open_table(path: Path, label: str, required: tuple[str, ...], stats: EncodingStats) -> DBF:
    try:
        table = DBF(
            str(path), encoding=ENCODING, parserclass=_parser_class(stats), lowernames=False
        )
    except (DBFNotFound, MissingMemoFile, ValueError, OSError, IndexError) as exc:
        raise RateLibraryError(f"{label} 不是有效的DBF表，无法读取") from exc
    names = {name.upper() for name in table.field_names}
    missing = [name for name in required if name not in names]
    if missing:
        raise RateLibraryError(f"{label} 缺少字段：{'、'.join(missing)}")
    return table


def _records(table: DBF, label: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    budget = Budget(MAX_LIBRARY_ROWS)
    try:
        for record in table:
            budget.row()
            rows.append({key.upper(): value for key, value in record.items()})
    except UploadRefused as refused:
        raise RateLibraryError(f"{label}：{refused}") from refused
    except UnicodeDecodeError as exc:
        raise RateLibraryError(f"{label} 第{len(rows) + 1}行文字不是GB18030编码，无法读取") from exc
    except (ValueError, MissingMemoFile, OSError, IndexError) as exc:
        raise RateLibraryError(f"{label} 第{len(rows) + 1}行格式错误，无法读取") from exc
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value).strip()


def _date(value: Any, open_end: bool) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text and open_end:
        return OPEN_END
    return datetime.strptime(text, "%Y%m%d").date()


def percent_to_fraction(value: Any) -> Decimal:
    """13 → 0.13 (6 places); empty → 0. Raises ValueError on anything that is not a number."""
    text = _text(value).rstrip("%")
    if not text:
        return Decimal(0)
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite() or number < 0 or number > HUNDRED:
        raise ValueError(text)
    return (number / HUNDRED).quantize(RATE_STEP)


def _fraction_text(value: Decimal) -> str:
    return f"{value.normalize():f}" if value else "0"


def _levy(value: Any) -> tuple[str, Decimal]:
    """ZSSL_SET "13,9" → ("0.13,0.09", 0.13): the first rate of the set is the 征税率."""
    parts = [part for part in re.split(r"[,，;；/\s]+", _text(value)) if part]
    rates = [percent_to_fraction(part) for part in parts] or [Decimal(0)]
    return ",".join(_fraction_text(rate) for rate in rates), rates[0]


def parse_record(raw: dict[str, Any], row: int) -> RateRecord:
    """One cmcode row → RateRecord; raises RateLibraryError naming the row and the field."""
    code = _text(raw["CODE"])
    if not CODE_PATTERN.match(code):
        raise RateLibraryError(f"cmcode.DBF 第{row}行 CODE「{code}」应为10位及以上的数字")
    current = "ST_DATE"
    try:
        valid_from = _date(raw["ST_DATE"], open_end=False)
        current = "END_DATE"
        valid_to = _date(raw["END_DATE"], open_end=True)
        current = "ZSSL_SET"
        levy_rates, levy_rate = _levy(raw["ZSSL_SET"])
        current = "TSL"
        rebate_rate = percent_to_fraction(raw["TSL"])
    except (ValueError, TypeError) as exc:
        shown = _text(raw[current])
        raise RateLibraryError(f"cmcode.DBF 第{row}行 {current}「{shown}」格式不正确") from exc
    if valid_to < valid_from:
        raise RateLibraryError(f"cmcode.DBF 第{row}行 END_DATE 早于 ST_DATE")
    flag = _text(raw["TSFLAG"])
    if flag not in SPECIAL_FLAGS:
        raise RateLibraryError(f"cmcode.DBF 第{row}行 TSFLAG「{flag}」应为空、1或2")
    return RateRecord(
        code=code,
        valid_from=valid_from,
        valid_to=valid_to,
        converted_code=_text(raw["ZHCMCODE"])[:20],
        name=_text(raw["NAME"])[:500],
        unit_code=_text(raw["DWCODE"])[:3],
        unit=_text(raw["UNIT"])[:20],
        basic_flag=_text(raw["BCFLAG"])[:2],
        standard_flag=_text(raw["STDFLAG"])[:2],
        standard_unit_flag=_text(raw["DWFLAG"])[:2],
        tax_kind=_text(raw["SZ"])[:10],
        levy_rates=levy_rates[:60],
        levy_rate=levy_rate,
        quantity_levy=_text(raw["CLDE"])[:20],
        ad_valorem=_text(raw["CJDL"])[:20],
        rebate_rate=rebate_rate,
        category=_text(raw["SPLB"])[:10],
        special_flag=SPECIAL_FLAGS[flag],
        note=_text(raw["NOTE"])[:500],
    )


def _check_encoding(stats: EncodingStats) -> None:
    # UTF-8 Chinese often decodes as (wrong) GB18030 without an error, while GB18030 Chinese
    # is almost never valid UTF-8 (its trail bytes are mostly not UTF-8 continuation bytes).
    # More than a tenth of the non-ASCII texts being valid UTF-8 means a wrong encoding.
    if stats.utf8_like and stats.utf8_like * 10 > stats.non_ascii:
        raise RateLibraryError("文库中的文字不是GB18030编码（疑似UTF-8），请使用官方发布的文库文件")


def read_rate_library(path: Path) -> ParsedLibrary:
    """Read and validate the archive at ``path``; raises RateLibraryError on any problem."""
    stats = EncodingStats()
    with tempfile.TemporaryDirectory(prefix="ratelib-") as tmp:
        workdir = Path(tmp)
        members = _open_archive(path, workdir)
        table = _open_table(workdir / "cmcode.dbf", "cmcode.DBF", REQUIRED_FIELDS, stats)
        raws = _records(table, "cmcode.DBF")
        long_names: dict[str, str] = {}
        if (workdir / "stdcm.dbf").exists():
            std = _open_table(workdir / "stdcm.dbf", "stdcm.dbf", STDCM_FIELDS, stats)
            for raw in _records(std, "stdcm.dbf"):
                name = _text(raw["NAME"])
                if name:
                    long_names[_text(raw["CODE"])] = name
    _check_encoding(stats)
    if not raws:
        raise RateLibraryError("cmcode.DBF 中没有记录")
    records = [parse_record(raw, row) for row, raw in enumerate(raws, start=1)]
    for record in records:
        record.name = long_names.get(record.code, record.name)[:500]
    return ParsedLibrary(records=records, long_names=len(long_names), members=members)
