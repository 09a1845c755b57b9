"""Benchmark of the simulators: sim_seed, the customs download, the bureau self-check.

    python bench/bench_sim.py [--scale medium|large] [--keep]

Rows:
* ``sim_seed <scale>`` — the generator in a child process (its own peak RSS). Targets:
  medium < 60 s, large < 600 s (one million items) with memory flat (peak RSS < 1 GB).
* ``customs download 10,000 declarations`` — CustomsPort.iter_declarations over a date range
  of an enterprise with 10,000 declarations, through the real client (in-process WSGI).
  Floor: lxml iterparse of the same XML pages (what any reader must at least do).
* ``self-check 100,000-line package`` — submit a signed package through TaxBureauPort and read
  the doubts: receive (XSD + signature, streaming), self-check (rebate.calc.checks against the
  bureau's own e-info), doubt list. Target < 60 s.

Django is set up here with a throw-away SQLite database under var/bench/ (or DATABASE_URL).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402

SEED_TARGETS = {"small": 30.0, "medium": 60.0, "large": 600.0}
FLAT_MEMORY_MB = 1024
SELF_CHECK_TARGET = 60.0
SELF_CHECK_LINES = 100_000
DOWNLOAD_DECLARATIONS = 10_000
DOWNLOAD_CODE, SELF_CHECK_CODE = "4403960B01", "4403960B02"


def setup_django(db_dir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db_dir / 'bench.sqlite3'}")
    os.environ.setdefault("REBATE_VAR_DIR", str(db_dir))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def row(operation: str, rows: int, seconds: float, **extra: Any) -> dict[str, Any]:
    return {
        "operation": operation,
        "rows": rows,
        "seconds": round(seconds, 3),
        "rows_per_s": round(rows / seconds) if seconds else None,
        "peak_mem_mb": extra.get("peak_mem_mb", peak_rss_mb()),
        "target": extra.get("target", "-"),
        "floor_seconds": extra.get("floor_seconds"),
        "ratio": extra.get("ratio"),
        "status": extra.get("status", "info"),
    }


def bench_seed(scale: str, db_dir: Path) -> dict[str, Any]:
    """sim_seed in a child process, so its peak RSS is its own."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db_dir / f'seed-{scale}.sqlite3'}")
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if "postgres" in os.environ.get("DATABASE_URL", ""):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", "sim_seed", "--enterprise", "4403960B09", "--months", "12",
         "--scale", scale, "--anomalies", "0.03", "--seed", "2026"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    items = _items_of(done.stdout)
    memory = peak_rss_mb(resource.RUSAGE_CHILDREN)
    target = SEED_TARGETS[scale]
    ok = done.returncode == 0 and seconds < target and memory < FLAT_MEMORY_MB
    return row(
        f"sim_seed --scale {scale} --months 12",
        items,
        seconds,
        peak_mem_mb=memory,
        target=f"< {target:g} s, peak < {FLAT_MEMORY_MB} MB",
        status="PASS" if ok else f"FAIL (exit {done.returncode}) {done.stderr[-300:]}",
    )


def _items_of(output: str) -> int:
    marker = "商品项"
    if marker not in output:
        return 0
    return int(output.split(marker)[1].split("项")[0])


def _seed_bench_enterprises() -> None:
    from datetime import date

    from sim.generator import profile
    from sim.generator.seed import SeedOptions, seed

    # 4 months × 2,500 declarations, realistic item mix: exactly 10,000 declarations.
    profile.SCALES["bench-dl"] = profile.Scale("bench-dl", (2500, 2500), "skewed")
    seed(SeedOptions(DOWNLOAD_CODE, months=4, scale="bench-dl", anomalies=0, seed=1,
                     until=date(2026, 11, 1)))  # fmt: skip
    # 2 open months of the large profile (≈ 80,000 items each) for a 100,000-line package.
    seed(SeedOptions(SELF_CHECK_CODE, months=2, scale="large", anomalies=0.001, seed=2,
                     until=date(2026, 11, 1)))  # fmt: skip


def bench_download() -> dict[str, Any]:
    from datetime import date

    from django.conf import settings
    from lxml import etree

    from rebate.integrations.credentials import authorization
    from rebate.integrations.customs import BASE, HttpCustomsClient
    from rebate.integrations.http import make_client
    from rebate.integrations.models import Party

    window = {"date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31)}
    port = HttpCustomsClient(settings.CUSTOMS_ENDPOINT)
    started = time.perf_counter()
    count = sum(1 for _ in port.iter_declarations(customs_code=DOWNLOAD_CODE, **window))
    seconds = time.perf_counter() - started
    pages, cursor = [], ""
    headers = authorization(Party.CUSTOMS, DOWNLOAD_CODE)
    with make_client(settings.CUSTOMS_ENDPOINT) as client:
        while True:
            params = {"trade_code": DOWNLOAD_CODE, "date_from": "2026-01-01",
                      "date_to": "2026-12-31", "limit": "500", "cursor": cursor}  # fmt: skip
            body = client.get(BASE + "/declarations", params=params, headers=headers).content
            pages.append(body)
            cursor = etree.fromstring(body).get("NextCursor", "")
            if not cursor:
                break
    floor_started = time.perf_counter()
    for body in pages:
        for _, element in etree.iterparse(io.BytesIO(body), events=("end",)):
            if element.tag.endswith("DecMessage"):
                element.clear()
    floor = time.perf_counter() - floor_started
    ok = count == DOWNLOAD_DECLARATIONS
    return row(
        f"customs download {count:,} declarations (CustomsPort)",
        count,
        seconds,
        target="all 10,000 fetched; floor = iterparse of the same pages",
        floor_seconds=round(floor, 3),
        ratio=round(seconds / floor, 1),
        status="PASS" if ok else "FAIL",
    )


def bench_self_check() -> dict[str, Any]:
    from rebate.calc.periods import Period
    from rebate.integrations.taxbureau import get_taxbureau_port
    from sim.generator.packages import period_lines, reference_package, renumber

    lines = period_lines(SELF_CHECK_CODE, Period(2026, 9))
    lines += period_lines(SELF_CHECK_CODE, Period(2026, 10))[: SELF_CHECK_LINES - len(lines)]
    lines = renumber(lines[:SELF_CHECK_LINES])
    # Signed with the generator's card, which the generator registered with the e-port.
    filename, data = reference_package(SELF_CHECK_CODE, Period(2026, 10), lines)
    port = get_taxbureau_port()
    started = time.perf_counter()
    receipt = port.submit_package(customs_code=SELF_CHECK_CODE, filename=filename, content=data)
    status = port.status(customs_code=SELF_CHECK_CODE, receipt_no=receipt.receipt_no)
    doubts = port.doubts(customs_code=SELF_CHECK_CODE, receipt_no=receipt.receipt_no)
    seconds = time.perf_counter() - started
    ok = receipt.line_count == len(lines) and seconds < SELF_CHECK_TARGET
    return row(
        f"self-check {len(lines):,}-line package ({len(data) / 1e6:.0f} MB, "
        f"{len(doubts.doubts)} doubts, {status.status})",
        len(lines),
        seconds,
        target=f"< {SELF_CHECK_TARGET:g} s",
        status="PASS" if ok else "FAIL",
    )


def run(scale: str = "medium") -> list[dict[str, Any]]:
    """All benchmark rows; ``scale`` is the sim_seed scale measured (medium or large)."""
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    if os.environ.get("BENCH_DATABASE_URL", "").startswith("postgres"):
        # The runner's PostgreSQL pass: a fresh schema there, used by the seed child process
        # and by this process alike (without this the rows were measured on SQLite).
        os.environ["DATABASE_URL"] = common.setup_django()
    with tempfile.TemporaryDirectory(dir=bench_dir) as directory:
        db_dir = Path(directory)
        rows = [bench_seed(scale, db_dir)]
        setup_django(db_dir)
        _seed_bench_enterprises()
        common.simulators_in_process(DOWNLOAD_CODE, SELF_CHECK_CODE)
        rows.append(bench_download())
        rows.append(bench_self_check())
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    cells = [[str(value) for value in r.values()] for r in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for line in cells:
        print("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "medium", "large"), default="medium")
    rows = run(parser.parse_args().scale)
    print_table(rows)
    return 0 if all(r["status"] in ("PASS", "info") for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
