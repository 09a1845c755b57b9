"""Benchmark of the REST API on 出口货物明细 (issue 21).

    python bench/bench_api.py [--lines 1000000]

Targets: the API's list endpoints over LINES lines (filtered, cursor-paged, the next pages
followed) p95 < 200 ms; bulk create of 10,000 lines through the API < 15 s, with its ratio to
the Excel import of the same rows through the page (the same rules: both go through
rebate.core.imports.validate_data / write_rows). Every request goes through the real stack
(Django test client, bearer token).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_records import CODES, EXPORT_LINES, import_file, seed  # noqa: E402
from bench.common import Row, lines_main, measure, percentile, setup_django  # noqa: E402

LIST_P95_TARGET_S = 0.200
BULK_TARGET_S = 15.0
BULK_ROWS = 10_000
SCALES = {"small": 150_000, "medium": 300_000, "large": 1_000_000}
LINES = "/api/v1/records/goods/exportline"


def bulk_rows(count: int, period: str) -> list[dict[str, str]]:
    """The import file's rows (bench_records.import_file) as the API's JSON, another period."""
    year, month = int(period[:4]), int(period[4:])
    return [
        {
            "period": period,
            "item_key": f"5304{year}{month:02d}{n:08d}001",
            "export_date": dt.date(year, month, 1 + n % 28).isoformat(),
            "commodity_code": CODES[n % 10],
            "commodity_name": "微电机",
            "unit": "台",
            "quantity": str(100 + n % 9),
            "fob_usd": str(1000 + n % 500),
            "fob_cny": f"{7100.5 + n % 500:.2f}",
            "levy_rate": "0.13",
            "rebate_rate": "0.09",
        }
        for n in range(count)
    ]


def bench_lists(api: Any, total: int) -> list[Row]:
    queries: list[tuple[str, dict[str, str]]] = [
        (LINES, {}),
        (LINES, {"period": "202603"}),
        (LINES, {"period": "202603", "commodity_code": "8501100003"}),
        (LINES, {"period": "202512", "page_size": "200"}),
        (LINES, {"commodity_code": "8501100007"}),
        (LINES, {"status": "collected", "period": "202609"}),
        ("/api/v1/jobs", {}),
        ("/api/v1/batches", {"family": "mdt"}),
    ]
    samples: list[float] = []

    def timed(path: str, params: dict[str, str] | None) -> Any:
        start = time.perf_counter()
        response = api.get(path, params)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, response.content[:500]
        return response.json()

    for path, params in queries:  # warm up
        api.get(path, params)
    samples.clear()
    for _ in range(5):
        for path, params in queries:
            page = timed(path, params)
            for _ in range(3):  # follow the cursor: page 2, 3, 4 cost what page 1 costs
                if not page["next"]:
                    break
                page = timed(page["next"].split("testserver", 1)[-1], None)
    p95 = percentile(samples, 95)
    return [
        Row(
            "API list endpoints (filtered, cursor-paged) p95",
            total,
            p95,
            target=f"p95 < {LIST_P95_TARGET_S * 1000:.0f} ms",
            passed=p95 < LIST_P95_TARGET_S,
            notes=f"{len(samples)} requests over {len(queries)} filter mixes with their next "
            f"pages; median {percentile(samples, 50) * 1000:.0f} ms",
        )
    ]


def bench_bulk(api: Any, page: Any) -> list[Row]:
    from rebate.goods.models import ExportLine

    rows = bulk_rows(BULK_ROWS, "202607")
    body = json.dumps({"rows": rows})
    with measure() as m:
        response = api.post(f"{LINES}/bulk", body, content_type="application/json")
    assert response.status_code == 201, response.content[:2000]
    assert ExportLine.objects.filter(period="202607").count() == BULK_ROWS
    upload = import_file(BULK_ROWS)  # the same rows as an Excel file, through the page
    with measure() as excel:
        imported = page.post("/ckts/goods/exportline/import/", {"file": upload})
    assert imported.status_code == 302, imported.content.decode()[:2000]
    return [
        Row(
            "API bulk create (JSON, all-or-nothing)",
            BULK_ROWS,
            m.seconds,
            peak_mem_mb=m.peak_mb,
            target=f"< {BULK_TARGET_S:.0f} s",
            passed=m.seconds < BULK_TARGET_S,
            floor_seconds=excel.seconds,
            notes=f"ratio = API / 导入 of the same {BULK_ROWS} rows as xlsx through the page "
            f"({excel.seconds:.1f} s); both: the form's rules per row, model rules "
            f"column-wise, calc, multi-row insert; {len(body) / 2**20:.1f} MB of JSON",
        )
    ]


def run(scale: str | int = "large") -> list[dict[str, Any]]:
    total = SCALES[scale] if isinstance(scale, str) else int(scale)
    total = max(total, EXPORT_LINES + BULK_ROWS)
    os.environ.setdefault(
        "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'api.sqlite3'}"
    )
    setup_django()
    from django.db import connection
    from django.test import Client, override_settings

    from bench.common import backend
    from rebate.accounts.tests.factories import make_user
    from rebate.api.services import token_create

    user = make_user()
    seed_s = seed(user.enterprise, total)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE goods_exportline" if connection.vendor == "postgresql" else "ANALYZE"
        )
    _, token = token_create(user=user, name="bench")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    page = Client()
    page.force_login(user)
    rows = [Row("seed (raw executemany)", total, seed_s, notes="setup, not a target")]
    with override_settings(API_RATE_LIMIT="100000/min"):
        for step in (lambda: bench_lists(api, total), lambda: bench_bulk(api, page)):
            rows += step()
            print(f"bench_api: {rows[-1].operation} {rows[-1].seconds:.3f}s", file=sys.stderr)
    return [{"backend": backend(), **r.as_dict()} for r in rows]


if __name__ == "__main__":
    raise SystemExit(lines_main(__doc__, run, SCALES["large"]))
