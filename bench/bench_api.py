"""Benchmark of the REST API on 出口货物明细 (issue 21).

    python bench/bench_api.py [--lines 1000000]

Targets: the API's list endpoints over LINES lines (filtered, cursor-paged, the next pages
followed) p95 < 200 ms; bulk create of 10,000 lines through the API < 15 s, with its ratio to
the Excel import of the same rows through the page (the same rules: both go through
rebate.core.imports.validate_data / write_rows). Every request goes through the real stack
(Django test client, bearer token).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

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
Sample = tuple[float, float]  # (wall, CPU) seconds of one request
SAMPLES = 5
LINE_FILTERS: list[dict[str, str]] = [
    {},
    {"period": "202603"},
    {"period": "202603", "commodity_code": "8501100003"},
    {"period": "202512", "page_size": "200"},
    {"commodity_code": "8501100007"},
    {"status": "collected", "period": "202609"},
]


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


def list_endpoints() -> list[str]:
    """Every GET list endpoint of the API without a path parameter (the records of every
    family, jobs, batches, doubts, reviews, customs declarations, exchange rates)."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns: Any, prefix: str) -> Any:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    return [
        "/" + route
        for route, pattern in walk(get_resolver().url_patterns, "")
        if route.startswith("api/v1/") and "<" not in route
        and (getattr(pattern.callback, "actions", None) or {}).get("get") == "list"
    ]  # fmt: skip


def deep_cursor(params: dict[str, str]) -> dict[str, str]:
    """The cursor of a page near the end of the -id order of LINES filtered by `params` (what
    following `next` some thousand times reaches), built as DRF's CursorPagination encodes it."""
    from rebate.goods.models import ExportLine

    filters = {k: v for k, v in params.items() if k != "page_size"}
    ids = ExportLine.objects.filter(**filters).order_by("id").values_list("id", flat=True)
    position = ids[100:101].first() or ids.first()
    if position is None:  # no line under these filters at this scale
        return dict(params)
    token = base64.b64encode(urlencode({"p": position}).encode()).decode()
    return {**params, "cursor": token}


class Timed:
    """GETs through the API client; each request's (wall, this process's CPU) seconds and the
    SQL it sent. On a loaded machine the wall time is mostly waiting for a core; the CPU time
    (the Python side of the request, without the PostgreSQL server's) is not."""

    def __init__(self, api: Any) -> None:
        self.api = api
        self.queries: list[tuple[float, str, str]] = []

    def get(self, path: str, params: dict[str, str] | None = None) -> tuple[Sample, Any]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            start, cpu = time.perf_counter(), time.process_time()
            response = self.api.get(path, params)
            sample = (time.perf_counter() - start, time.process_time() - cpu)
        assert response.status_code == 200, (path, params, response.content[:500])
        self.queries += [(float(q["time"]), q["sql"], path) for q in captured.captured_queries]
        return sample, response.json()


def _p95_row(name: str, total: int, samples: list[Sample], notes: str) -> Row:
    walls, cpus = [w for w, _ in samples], [c for _, c in samples]
    p95 = percentile(walls, 95)
    return Row(name, total, p95, target=f"p95 < {LIST_P95_TARGET_S * 1000:.0f} ms",
               passed=p95 < LIST_P95_TARGET_S,
               notes=f"{notes}; {len(samples)} requests, median "
               f"{percentile(walls, 50) * 1000:.0f} ms; this process's CPU p95 "
               f"{percentile(cpus, 95) * 1000:.0f} ms, median "
               f"{percentile(cpus, 50) * 1000:.0f} ms")  # fmt: skip


def bench_lists(api: Any, total: int) -> list[Row]:
    """明细 (LINES lines): first pages of the usual filters, their next pages, and a deep page
    of each (a cursor near the end); then every other list endpoint's first page."""
    timed = Timed(api)
    deep = [deep_cursor(params) for params in LINE_FILTERS]
    for params in [*LINE_FILTERS, *deep]:  # warm up: the page cache after seeding
        timed.get(LINES, params)
    listed = [e for e in list_endpoints() if e != LINES]
    # Forms closed to this enterprise (a 403 with its reason) and lists needing a parameter.
    endpoints = [e for e in listed if api.get(e).status_code == 200]
    timed.queries.clear()
    first: list[Sample] = []
    following: list[Sample] = []
    deep_samples: list[Sample] = []
    others: dict[str, list[Sample]] = {e: [] for e in endpoints}
    for _ in range(SAMPLES):
        for params, cursor in zip(LINE_FILTERS, deep, strict=True):
            sample, page = timed.get(LINES, params)
            first.append(sample)
            for _ in range(2):  # the cursor's next pages cost what page 1 costs
                if not page["next"]:
                    break
                sample, page = timed.get(page["next"].split("testserver", 1)[-1])
                following.append(sample)
            deep_samples.append(timed.get(LINES, cursor)[0])
        for endpoint in endpoints:
            others[endpoint].append(timed.get(endpoint)[0])
    every = [s for samples in others.values() for s in samples]

    def wall_p95(endpoint: str) -> float:
        return percentile([wall for wall, _ in others[endpoint]], 95)

    slowest = max(others, key=wall_p95)
    mixes = f"{len(LINE_FILTERS)} filter mixes"
    slowest_p95 = wall_p95(slowest) * 1000
    closed = len(listed) - len(endpoints)
    return [
        _p95_row("API 明细 list, first pages p95", total, first, mixes),
        _p95_row("API 明细 list, next pages p95", total, following, f"{mixes}, `next` followed"),
        _p95_row(
            "API 明细 list, deep cursor page p95",
            total,
            deep_samples,
            f"{mixes}, a cursor 100 rows before the end of each",
        ),
        _p95_row(
            f"API every other list endpoint ({len(endpoints)}) p95",
            len(endpoints),
            every,
            f"first pages; {closed} closed to this enterprise not measured; "
            f"slowest {slowest} p95 {slowest_p95:.0f} ms",
        ),
        *slowest_plans(timed.queries),
    ]


def slowest_plans(queries: list[tuple[float, str, str]]) -> list[Row]:
    """The SLOWEST distinct SELECTs the lists sent, with their plans: on PostgreSQL by EXPLAIN
    ANALYZE's own execution time (bench_tenants), on SQLite timed again (best of 3) with
    EXPLAIN QUERY PLAN."""
    from django.db import connection

    from bench import bench_tenants

    if connection.vendor == "postgresql":
        return bench_tenants.slowest_plans(queries)
    explained = []
    for sql, url in {sql: url for _, sql, url in queries}.items():
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            times = []
            for _ in range(3):
                start = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                times.append(time.perf_counter() - start)
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
        explained.append((min(times), sql, url, plan))
    explained.sort(key=lambda found: found[0], reverse=True)
    return [Row(f"慢查询 ({url})", 1, seconds, notes="…" + sql[sql.find(" FROM "):][:300],
                extra={"plan": plan}) for seconds, sql, url, plan in explained[:3]]  # fmt: skip


def bench_bulk(api: Any, page: Any) -> list[Row]:
    from rebate.goods.models import ExportLine

    rows = bulk_rows(BULK_ROWS, "202607")
    body = json.dumps({"rows": rows})
    before = ExportLine.objects.filter(period="202607").count()  # seeded lines too at 1M
    cpu = time.process_time()
    with measure() as m:
        response = api.post(f"{LINES}/bulk", body, content_type="application/json")
    cpu = time.process_time() - cpu
    assert response.status_code == 201, response.content[:2000]
    assert ExportLine.objects.filter(period="202607").count() == before + BULK_ROWS
    upload = import_file(BULK_ROWS)  # the same rows as an Excel file, through the page
    excel_cpu = time.process_time()
    with measure() as excel:
        imported = page.post("/ckts/goods/exportline/import/", {"file": upload})
    excel_cpu = time.process_time() - excel_cpu
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
            f"column-wise, calc, multi-row insert; {len(body) / 2**20:.1f} MB of JSON; this "
            f"process's CPU {cpu:.1f} s (导入 {excel_cpu:.1f} s, CPU ratio "
            f"{cpu / excel_cpu:.2f})",
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
    method = "COPY" if connection.vendor == "postgresql" else "executemany"
    rows = [Row(f"seed (raw {method})", total, seed_s, notes="setup, not a target")]
    with override_settings(API_RATE_LIMIT="100000/min"):
        for step in (lambda: bench_lists(api, total), lambda: bench_bulk(api, page)):
            rows += step()
            print(f"bench_api: {rows[-1].operation} {rows[-1].seconds:.3f}s", file=sys.stderr)
    return [{"backend": backend(), **r.as_dict()} for r in rows]


if __name__ == "__main__":
    raise SystemExit(lines_main(__doc__, run, SCALES["large"]))
