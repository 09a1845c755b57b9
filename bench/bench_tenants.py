"""Many enterprises (issue 22): one enterprise's pages and bulk work among many, on PostgreSQL.

    python bench/bench_tenants.py [--enterprises 100] [--lines 5000000]

Seeds ENTERPRISES enterprises holding LINES 明细 lines in all (raw COPY, spread over 12 periods;
the measured enterprise's own lines are the declarations bench's, one period of LINES /
ENTERPRISES lines), then measures as that enterprise's clerk: every record list page (the
record-form REGISTRY's lists, through the real views, p95 < 200 ms), and 数据一致性检查,
生成汇总数据, 生成申报数据 and 数据自检 of its period. "Alone": the other enterprises' lines deleted and a second
enterprise with the same lines measured the same way (VACUUM ANALYZE before each). The three
slowest SQL queries the list pages sent are shown with EXPLAIN (ANALYZE, BUFFERS).
"""

from __future__ import annotations

import argparse
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

from bench.common import Row, backend, percentile, setup_django  # noqa: E402

SCALES = {"small": (10, 200_000), "medium": (10, 500_000), "large": (100, 5_000_000)}
P95_TARGET_S = 0.200
SAMPLES = 5
SLOWEST = 3


def copy_lines(enterprise_ids: list[int], per_enterprise: int) -> float:
    """COPY each enterprise's lines (the records bench's values) over 12 periods; seconds."""
    from django.db import connection

    from bench.bench_records import _values
    from rebate.goods.models import ExportLine

    fields = [f for f in ExportLine._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f.column for f in fields)
    now = dt.datetime.now(dt.UTC)
    start = time.perf_counter()
    index = 0
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor: COPY has no DB-API form
        for enterprise_id in enterprise_ids:
            with cursor.copy(f"COPY {ExportLine._meta.db_table} ({columns}) FROM STDIN") as copy:
                for n in range(per_enterprise):
                    copy.write_row(_values(fields, enterprise_id, index, n,
                                           f"2026{n % 12 + 1:02d}", now))  # fmt: skip
                    index += 1
    return time.perf_counter() - start


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def clerk(customs_code: str) -> Any:
    from rebate.accounts.tests.cards import bind_local_card
    from rebate.accounts.tests.factories import make_enterprise, make_user

    user = make_user(make_enterprise(customs_code=customs_code), with_card=False)
    bind_local_card(user, f"CK{customs_code}")
    return user


def list_pages(user: Any) -> tuple[list[Row], list[tuple[float, str, str]]]:
    """p95 of each record list page; every SQL query the pages sent, with its time."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from rebate.core.records import REGISTRY, discover_records

    discover_records()
    client = Client()
    client.force_login(user)
    rows, queries = [], []
    for record in REGISTRY:
        url = reverse(record.url_name("list"))
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        if status != 200:
            rows.append(Row(f"列表 {url}", 0, 0.0, notes=f"HTTP {status}: not measured"))
            continue
        queries += [(float(q["time"]), q["sql"], url) for q in captured.captured_queries]
        samples = []  # after the first request, which compiled the templates
        for _ in range(SAMPLES):
            begin = time.perf_counter()
            client.get(url)
            samples.append(time.perf_counter() - begin)
        p95 = percentile(samples, 95)
        rows.append(Row(f"列表 {url}", SAMPLES, p95, target="p95 < 200 ms",
                        passed=p95 < P95_TARGET_S))  # fmt: skip
    return rows, queries


def slowest_plans(queries: list[tuple[float, str, str]]) -> list[Row]:
    """Every distinct SELECT the pages sent, run again under EXPLAIN ANALYZE; the SLOWEST by
    the plan's own execution time (the client-side times of a shared machine are noise)."""
    from django.db import connection

    explained = []
    for sql, url in {sql: url for _, sql, url in queries}.items():
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(line for (line,) in cursor.fetchall())
        ms = float(plan.rsplit("Execution Time: ", 1)[1].split()[0])
        explained.append((ms, sql, url, plan))
    explained.sort(key=lambda found: found[0], reverse=True)
    return [Row(f"慢查询 ({url})", 1, ms / 1000, notes=sql[:300], extra={"plan": plan})
            for ms, sql, url, plan in explained[:SLOWEST]]  # fmt: skip


def bulk_work(user: Any, count: int, label: str) -> list[Row]:
    from bench import bench_declarations as decl

    decl.fill_lines(user.enterprise, count)
    vacuum()
    decl.at_the_bureau(user)
    rows = [decl.bench_consistency(user, count), decl.bench_summary(user, count)]
    package, batch = decl.bench_package(user, count)
    rows += [package, decl.bench_self_check(user, batch, count)]
    for row in rows:
        row.operation += f" ({label})"
    return rows


def run(scale: str | tuple[int, int] = "small") -> list[dict[str, Any]]:
    enterprises, lines = SCALES[scale] if isinstance(scale, str) else scale
    setup_django()
    if backend() != "postgresql":
        return [{"backend": backend(), **Row("多企业", 0, 0.0, notes="PostgreSQL only").as_dict()}]
    from bench import bench_declarations as decl
    from rebate.accounts.tests.factories import make_enterprise
    from rebate.goods.models import ExportLine

    per = lines // enterprises
    target = decl.world()  # the declarations bench's enterprise, code tables and rates
    others = [make_enterprise().pk for _ in range(enterprises - 1)]
    rows = [Row("seed (COPY)", per * len(others), copy_lines(others, per),
                notes=f"{enterprises} enterprises, {per} lines each")]  # fmt: skip
    crowded = bulk_work(target, per, f"among {enterprises}")
    pages, queries = list_pages(target)
    rows += pages + slowest_plans(queries) + crowded
    ExportLine.objects.exclude(enterprise=target.enterprise).delete()
    rows += bulk_work(clerk("4403960B02"), per, "alone")
    for row in rows:
        print(json.dumps(row.as_dict(), ensure_ascii=False, default=str), file=sys.stderr)
    return [{"backend": backend(), **r.as_dict()} for r in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=SCALES["large"][0])
    parser.add_argument("--lines", type=int, default=SCALES["large"][1])
    args = parser.parse_args()
    os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rebate_bench")
    rows = run((args.enterprises, args.lines))
    for row in rows:
        plan = row.pop("plan", None)
        print(json.dumps(row, ensure_ascii=False, default=str))
        if plan:
            print(plan)
    return 0 if all(r["status"] in ("PASS", "info") for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
