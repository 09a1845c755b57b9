"""`make bench [SCALE=…]`: every benchmark, on SQLite and on PostgreSQL when reachable.

Each bench/bench_*.py module runs in its own process (a fresh Django on a fresh database) and
returns rows; this prints one table and writes var/bench/<date>-<scale>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MARK = "BENCH-ROWS:"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/rebate_bench")
COLUMNS = (
    "backend",
    "operation",
    "rows",
    "seconds",
    "rows_per_s",
    "peak_mem_mb",
    "target",
    "status",
    "floor_seconds",
    "ratio",
)
# Modules without a database run once, whatever the backend list.
DATABASE_FREE = {"bench_calc", "bench_xlsx"}


def modules(only: str | None) -> list[str]:
    names = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    return [n for n in names if not only or only in n]


def postgres_reachable() -> bool:
    base = PG_URL.rsplit("/", 1)[0] + "/postgres"
    name = PG_URL.rsplit("/", 1)[1]
    try:
        subprocess.run(["psql", base, "-Atqc", "select 1"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    exists = subprocess.run(
        ["psql", base, "-Atqc", f"select 1 from pg_database where datname='{name}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", base, "-qc", f'create database "{name}"'], check=True)
    return True


def run_module(name: str, scale: str, database_url: str | None) -> list[dict[str, Any]]:
    code = (
        "import json, sys; sys.path.insert(0, '.');"
        f"from bench import {name} as m;"
        f"run = getattr(m, 'run_for_scale', m.run);"
        f"print({MARK!r} + json.dumps(run({scale!r}), default=str))"
    )
    # The benches configure Django themselves (bench/common.setup_django: the test settings,
    # served settings where a bench starts a server); `make` exports the demo settings for
    # `make run`, which would send them to bench modules that expect the test settings.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    if database_url:
        env["BENCH_DATABASE_URL"] = database_url
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return list(json.loads(line[len(MARK) :]))
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return [{"operation": f"{name} failed", "status": "ERROR", "notes": " | ".join(tail)}]


def render(rows: list[dict[str, Any]]) -> str:
    cells = [[str(r.get(c, "") if r.get(c) is not None else "") for c in COLUMNS] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def write_results(out: Path, scale: str, results: list[dict[str, Any]]) -> None:
    out.write_text(json.dumps({"scale": scale, "results": results}, ensure_ascii=False, indent=1))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", choices=["small", "medium", "large"], default="medium")
    parser.add_argument("--only", help="run the modules whose name contains this")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    backends: list[tuple[str, str | None]] = [("sqlite", None)]
    if not args.no_postgres and postgres_reachable():
        backends.append(("postgresql", PG_URL))
    results: list[dict[str, Any]] = []
    suffix = f"-{args.only}" if args.only else ""
    out = ROOT / "var" / "bench" / f"{dt.date.today():%Y-%m-%d}-{args.scale}{suffix}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    for name in modules(args.only):
        for label, url in backends:
            if name in DATABASE_FREE and label != "sqlite":
                continue
            print(f"… {name} on {label}", file=sys.stderr, flush=True)
            started = time.perf_counter()
            for row in run_module(name, args.scale, url):
                results.append({"backend": "-" if name in DATABASE_FREE else label, **row})
            print(f"  {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
            # Written after every module: a large run takes hours, and what ran is kept.
            write_results(out, args.scale, results)
    print(render(results))
    print(f"\nresults: {out.relative_to(ROOT)}")
    return 1 if any(r.get("status") in ("FAIL", "ERROR") for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
