"""Shared by every benchmark: Django on the bench database, timing with peak memory, rows.

The runner (`python -m bench`) sets BENCH_DATABASE_URL per backend; a module run on its own
gets a fresh SQLite file under var/bench/.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


def setup_django(fresh: bool = True) -> str:
    """Configure Django on the bench database (migrated); returns the database URL in use."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}")
    if fresh and url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    if fresh and url.startswith("postgres"):
        _reset_postgres()
    call_command("migrate", verbosity=0)
    return url


def simulators_in_process(*customs_codes: str) -> None:
    """Route the product's clients to the in-process simulators (as the test fixtures do) and
    onboard the given enterprises, already registered there, with their issued credentials."""
    from django.urls import get_resolver

    from rebate.integrations.http import route_through
    from rebate.integrations.testing import onboard
    from sim.inprocess import SIM_URLCONF, transport

    route_through(transport())
    # The simulators stand for other parties' running servers: their URLconf is loaded before
    # anything is timed (importing it cost the first timed call 0.25 s, e.g. 生成汇总数据's
    # VAT return).
    get_resolver(SIM_URLCONF).url_patterns  # noqa: B018
    for code in customs_codes:
        onboard(code)


def _reset_postgres() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def backend() -> str:
    from django.db import connection

    return str(connection.vendor)


def insert_sql(model: Any, names: Sequence[str] | None = None) -> str:
    """A one-row INSERT of `names` (default: every column but the key), for executemany."""
    from django.db import connection

    if names is None:
        names = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(n).column) for n in names)
    marks = ", ".join(["%s"] * len(names))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"


def executemany_batched(sql: str, rows: Iterable[Sequence[Any]], size: int = 5000) -> None:
    """Send `rows` through executemany `size` at a time (a stream of rows stays a stream)."""
    from django.db import connection

    with connection.cursor() as cursor:
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == size:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


@dataclass
class Measure:
    seconds: float = 0.0
    peak_mb: float = 0.0


@contextmanager
def measure(trace_memory: bool = False, sample_rss: bool = False) -> Iterator[Measure]:
    """Wall time, and a memory figure (MB): with trace_memory, the peak of Python allocations
    inside the block (tracemalloc slows allocation-heavy code 2-3×: not for timed rows); with
    sample_rss, the peak growth of resident memory above the start, sampled every 20 ms by a
    thread (costs nothing measurable); else the process's peak resident size."""
    result = Measure()
    if trace_memory:
        tracemalloc.start()
    sampler = RssSampler() if sample_rss else None
    start = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - start
        if trace_memory:
            result.peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        elif sampler:
            result.peak_mb = sampler.stop()
        else:
            result.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class RssSampler:
    """Peak growth of this process's resident memory from its creation until stop()."""

    def __init__(self) -> None:
        self.base, self.peak, self.done = rss_mb(), 0.0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(0.02):
            self.peak = max(self.peak, rss_mb() - self.base)

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return max(self.peak, rss_mb() - self.base)


@dataclass
class Row:
    operation: str
    rows: int
    seconds: float
    peak_mem_mb: float = 0.0
    target: str = ""
    passed: bool | None = None
    floor_seconds: float | None = None
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        ratio = (self.seconds / self.floor_seconds) if self.floor_seconds else None
        status = "info" if self.passed is None else ("PASS" if self.passed else "FAIL")
        return {
            "operation": self.operation,
            "rows": self.rows,
            "seconds": round(self.seconds, 3),
            "rows_per_s": round(self.rows / self.seconds) if self.seconds else None,
            "peak_mem_mb": round(self.peak_mem_mb, 1),
            "target": self.target,
            "floor_seconds": round(self.floor_seconds, 3) if self.floor_seconds else None,
            "ratio": round(ratio, 2) if ratio else None,
            "status": status,
            "notes": self.notes,
            **self.extra,
        }


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def timed_samples(fn: Callable[[], Any], count: int) -> list[float]:
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def lines_main(doc: str | None, run: Callable[[int], list[dict[str, Any]]], default: int) -> int:
    """The command line of a bench over N lines: ``--lines N``, one JSON row per line printed,
    exit status 1 when a row failed."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--lines", type=int, default=default)
    rows = run(parser.parse_args().lines)
    for row in rows:
        plan = row.pop("plan", None)  # a query plan reads as text, after its row
        print(json.dumps(row, ensure_ascii=False, default=str))
        if plan:
            print(plan)
    return 0 if all(r["status"] in ("PASS", "info") for r in rows) else 1
