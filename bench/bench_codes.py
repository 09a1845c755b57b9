"""Benchmark of the reference libraries (rebate.codes).

    python bench/bench_codes.py [--rows 50000]

Targets (issue 4): importing a 50,000-row rate library < 15 s; in-process ``rate_lookup`` p95
< 2 ms; name search over all codes p95 < 50 ms; loading all customs tables < 10 s.
Floors: reading the same DBF with dbfread alone (import), a primary-key fetch of one row
(lookup), an unfiltered page of 50 rows (search). The archive is written here in the official
layout (dBASE III, GB18030 texts) by a small raw writer: the ``dbf`` package is too slow for
50,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import struct
import sys
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import BENCH_DIR, Row, measure, percentile, setup_django  # noqa: E402

IMPORT_TARGET_S = 15.0
LOOKUP_P95_TARGET_S = 0.002
SEARCH_P95_TARGET_S = 0.050
TABLES_TARGET_S = 10.0
SCALES = {"small": 10_000, "medium": 50_000, "large": 50_000}
FIELDS = (
    ("CODE", "C", 16, 0), ("ST_DATE", "C", 8, 0), ("END_DATE", "C", 8, 0),
    ("ZHCMCODE", "C", 16, 0), ("NAME", "C", 120, 0), ("DWCODE", "C", 3, 0),
    ("UNIT", "C", 10, 0), ("BCFLAG", "C", 1, 0), ("STDFLAG", "C", 1, 0), ("DWFLAG", "C", 1, 0),
    ("SZ", "C", 4, 0), ("ZSSL_SET", "C", 20, 0), ("CLDE", "C", 10, 0), ("CJDL", "C", 10, 0),
    ("TSL", "N", 6, 2), ("SPLB", "C", 4, 0), ("TSFLAG", "C", 1, 0), ("NOTE", "C", 60, 0),
)  # fmt: skip


def write_dbf(path: Path, records: list[tuple[str, ...]]) -> None:
    """A dBASE III table (language driver 0x7A = GBK/cp936), fields as FIELDS."""
    record_length = 1 + sum(length for _, _, length, _ in FIELDS)
    header_length = 32 + 32 * len(FIELDS) + 1
    today = dt.date.today()
    out = bytearray(
        struct.pack(
            "<BBBBIHH",
            0x03,
            today.year - 1900,
            today.month,
            today.day,
            len(records),
            header_length,
            record_length,
        )
    )
    out += bytes(17) + b"\x7a" + bytes(2)
    for name, kind, length, decimals in FIELDS:
        out += name.encode().ljust(11, b"\0") + kind.encode() + bytes(4)
        out += bytes([length, decimals]) + bytes(14)
    out += b"\r"
    for record in records:
        out += b" "
        for (_, kind, length, _), value in zip(FIELDS, record, strict=True):
            raw = value.encode("gb18030")
            while len(raw) > length:  # cut whole characters, never half of one
                value = value[:-1]
                raw = value.encode("gb18030")
            out += raw.rjust(length) if kind == "N" else raw.ljust(length)
    out += b"\x1a"
    path.write_bytes(bytes(out))


def library_records(count: int) -> list[tuple[str, ...]]:
    """``count`` rows: every code of the 2020 list (and 12-digit children) with a rate change
    on 2024-12-01 for every fifth code, names from the real list."""
    source = ROOT / "rebate" / "codes" / "data" / "hs" / "commodity_codes_2020.csv"
    with source.open(encoding="utf-8") as handle:
        items = [(r["code"], r["name"], r["vat_rate"]) for r in csv.DictReader(handle)]
    records: list[tuple[str, ...]] = []
    suffix = 0
    while len(records) < count:
        for index, (code, name, vat) in enumerate(items):
            percent = str(int(Decimal(vat) * 100))
            full = code if suffix == 0 else f"{code}{suffix:02d}"
            base = [full, "20200101", "20991231", "", name, "035", "千克", "", "", "", "10",
                    percent, "", "", f"{percent}.00", "", "", ""]  # fmt: skip
            if index % 5 == 0:
                records.append((*base[:2], "20241130", *base[3:]))
                base[1], base[14] = "20241201", "9.00"
            records.append(tuple(base))
            if len(records) >= count:
                break
        suffix += 1
    return records[:count]


def build_archive(path: Path, count: int) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        dbf_path = Path(tmp) / "cmcode.dbf"
        write_dbf(dbf_path, library_records(count))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(dbf_path, "cmcode.DBF")
    return path


def bench_tables() -> list[Row]:
    from rebate.codes.models import CustomsCode
    from rebate.codes.services import load_commodities, load_customs_tables

    with measure() as tables:
        results = load_customs_tables()
    rows = sum(r.rows for r in results)
    out = [Row("load all customs tables (20 tables)", rows, tables.seconds, tables.peak_mb,
               f"< {TABLES_TARGET_S:.0f} s", tables.seconds < TABLES_TARGET_S)]  # fmt: skip
    assert CustomsCode.objects.count() == rows
    with measure() as commodities:
        result = load_commodities()
    out.append(Row("load 2020 commodity list", result.rows, commodities.seconds,
                   commodities.peak_mb))  # fmt: skip
    return out


def bench_import(count: int) -> list[Row]:
    from dbfread import DBF

    from rebate.codes.services import rate_library_import

    path = build_archive(BENCH_DIR / f"CMCODEBENCH{count}.zip", count)
    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(path).extractall(tmp)
        start = time.perf_counter()
        floor_rows = sum(1 for _ in DBF(str(Path(tmp) / "cmcode.DBF"), encoding="gb18030"))
        floor = time.perf_counter() - start
    with measure() as imported:
        library = rate_library_import(path=path, version=f"BENCH{count}")
    assert library.row_count == count == floor_rows
    return [Row(f"import rate library ({count:,} rows)", count, imported.seconds,
                imported.peak_mb, f"< {IMPORT_TARGET_S:.0f} s", imported.seconds < IMPORT_TARGET_S,
                floor_seconds=floor, notes="floor: dbfread reading the same table")]  # fmt: skip


def bench_lookups(samples: int = 2000) -> Row:
    from rebate.codes.models import RateEntry
    from rebate.codes.selectors import rate_lookup

    generator = random.Random(4)
    entries = list(RateEntry.objects.filter(library__active=True).values_list("pk", "code"))
    picks = [generator.choice(entries) for _ in range(samples)]
    days = [dt.date(2021, 1, 1) + dt.timedelta(days=generator.randrange(2000)) for _ in picks]
    # parent (12-digit code absent → 10-digit parent) and miss cases mixed in
    queries = [code if i % 10 else code[:10] + "99" for i, (_, code) in enumerate(picks)]
    for query, day in zip(queries[:50], days, strict=False):  # warm-up
        rate_lookup(query, day)
    lookups = []
    for query, day in zip(queries, days, strict=True):
        start = time.perf_counter()
        rate_lookup(query, day)
        lookups.append(time.perf_counter() - start)
    floors = []
    for pk, _ in picks:
        start = time.perf_counter()
        RateEntry.objects.filter(pk=pk).first()
        floors.append(time.perf_counter() - start)
    p95 = percentile(lookups, 95)
    return Row("rate_lookup in-process (p95)", samples, p95, 0.0,
               f"p95 < {LOOKUP_P95_TARGET_S * 1000:.0f} ms", p95 < LOOKUP_P95_TARGET_S,
               floor_seconds=percentile(floors, 95),
               notes=f"p95 {p95 * 1000:.2f} ms, p50 {percentile(lookups, 50) * 1000:.2f} ms; "
               "floor: pk fetch")  # fmt: skip


def bench_search(samples: int = 300) -> Row:
    from rebate.codes.models import RateEntry
    from rebate.codes.selectors import active_rate_library, rate_entries_by_ids, rate_entry_ids

    generator = random.Random(5)
    names = list(RateEntry.objects.filter(library__active=True).values_list("name", flat=True))
    terms = []
    for _ in range(samples):
        name = generator.choice(names)
        start = generator.randrange(max(1, len(name) - 2))
        terms.append(name[start : start + 2])
    start = time.perf_counter()
    rate_entry_ids(name=terms[0])  # the first search of a process loads the in-memory index
    first = time.perf_counter() - start
    timings = []
    for term in terms:
        start = time.perf_counter()
        ids = rate_entry_ids(name=term)  # what the page shows: a count and the first 50 rows
        total, page = len(ids), rate_entries_by_ids(ids[:50])
        timings.append(time.perf_counter() - start)
        assert total >= len(page) > 0
    floors = []
    library = active_rate_library()
    for _ in range(50):
        start = time.perf_counter()
        list(RateEntry.objects.filter(library=library).order_by("code", "valid_from")[:50])
        floors.append(time.perf_counter() - start)
    p95 = percentile(timings, 95)
    return Row(f"name search over {len(names):,} codes (p95)", samples, p95, 0.0,
               f"p95 < {SEARCH_P95_TARGET_S * 1000:.0f} ms", p95 < SEARCH_P95_TARGET_S,
               floor_seconds=percentile(floors, 95),
               notes=f"p95 {p95 * 1000:.1f} ms; count + first page of 50; first search (index load) "
        f"{first * 1000:.0f} ms; floor: first page unfiltered")  # fmt: skip


def run(scale: str | int = "medium") -> list[dict[str, Any]]:
    count = scale if isinstance(scale, int) else SCALES[scale]
    os.environ.setdefault("BENCH_DATABASE_URL", f"sqlite:///{BENCH_DIR / 'codes.sqlite3'}")
    setup_django()
    rows = [*bench_tables(), *bench_import(count), bench_lookups(), bench_search()]
    return [row.as_dict() for row in rows]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python bench/bench_codes.py")
    parser.add_argument("--rows", type=int, default=SCALES["medium"])
    args = parser.parse_args()
    results = run(args.rows)
    for result in results:
        print(json.dumps(result, ensure_ascii=False))
    return 1 if any(r["status"] == "FAIL" for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
