"""Build rate-library archives in exactly the official layout (DOMAIN §11.1), for tests/bench.

cmcode.DBF (dBASE III, GB18030/cp936 texts, rates in percent) and optionally stdcm.dbf with its
memo file STDCM.FPT (Visual FoxPro), zipped — member names may be GB18030 without the UTF-8 flag,
as zips made on Chinese Windows are.
"""

from __future__ import annotations

import tempfile
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

CMCODE_SPEC = (
    "CODE C(16); ST_DATE C(8); END_DATE C(8); ZHCMCODE C(16); NAME C(120); DWCODE C(3); "
    "UNIT C(10); BCFLAG C(1); STDFLAG C(1); DWFLAG C(1); SZ C(4); ZSSL_SET C(20); CLDE C(10); "
    "CJDL C(10); TSL N(6,2); SPLB C(4); TSFLAG C(1); NOTE C(60)"
)
FIELDS = [part.split()[0] for part in CMCODE_SPEC.split("; ")]


@dataclass
class Row:
    code: str
    st_date: str = "20200101"
    end_date: str = "20991231"
    name: str = "测试商品"
    tsl: Decimal | int | None = 13
    zssl_set: str = "13"
    dwcode: str = "007"
    unit: str = "个"
    tsflag: str = ""
    note: str = ""

    def values(self) -> tuple[object, ...]:
        return (
            self.code,
            self.st_date,
            self.end_date,
            "",
            self.name,
            self.dwcode,
            self.unit,
            "",
            "",
            "",
            "10",
            self.zssl_set,
            "",
            "",
            self.tsl,
            "",
            self.tsflag,
            self.note,
        )


def write_cmcode(path: Path, rows: Iterable[Row], spec: str = CMCODE_SPEC) -> None:
    import dbf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = dbf.Table(str(path), spec, codepage="cp936", dbf_type="db3")
        table.open(dbf.READ_WRITE)
        fields = [part.split()[0] for part in spec.split("; ")]
        for row in rows:
            values = dict(zip(FIELDS, row.values(), strict=True))
            table.append(tuple(values[name] for name in fields))
        table.close()


def write_stdcm(path: Path, names: dict[str, str]) -> None:
    import dbf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = dbf.Table(
            str(path),
            "CODE C(16); NAME M; UNIT C(10); DWCODE C(3)",
            codepage="cp936",
            dbf_type="vfp",
        )
        table.open(dbf.READ_WRITE)
        for code, name in names.items():
            table.append((code, name, "", ""))
        table.close()


def build_archive(
    target: Path,
    rows: Sequence[Row],
    *,
    long_names: dict[str, str] | None = None,
    folder: str = "",
    gb18030_member_names: bool = True,
    cmcode_spec: str = CMCODE_SPEC,
    drop: Sequence[str] = (),
    patch: tuple[bytes, bytes] | None = None,
) -> Path:
    """Zip cmcode.DBF (+ stdcm.dbf/STDCM.FPT) under ``folder``; ``drop`` leaves members out;
    ``patch`` replaces bytes in cmcode.DBF (to plant a wrong encoding)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_cmcode(work / "cmcode.dbf", rows, cmcode_spec)
        if patch:
            data = (work / "cmcode.dbf").read_bytes()
            assert patch[0] in data
            (work / "cmcode.dbf").write_bytes(data.replace(patch[0], patch[1]))
        members = {"cmcode.DBF": work / "cmcode.dbf"}
        if long_names:
            write_stdcm(work / "stdcm.dbf", long_names)
            members.update({"stdcm.dbf": work / "stdcm.dbf", "STDCM.FPT": work / "stdcm.fpt"})
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, source in members.items():
                if name in drop:
                    continue
                write_member(archive, f"{folder}{name}", source.read_bytes(), gb18030_member_names)
    return target


class GB18030ZipInfo(zipfile.ZipInfo):
    """A member whose name is stored as GB18030 bytes without the UTF-8 flag, as the zip tools
    of Chinese Windows write it."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("gb18030"), self.flag_bits & ~0x800


def write_member(archive: zipfile.ZipFile, name: str, data: bytes, gb18030: bool) -> None:
    cls = GB18030ZipInfo if gb18030 else zipfile.ZipInfo
    info = cls(name, date_time=(2026, 6, 9, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
