"""Benchmark of ``rebate.calc``: the 免抵退 period over N goods lines, and the CLI.

    python bench/bench_calc.py [--lines N]        # default 1,000,000

Targets: ``period`` in-process ≥ 300,000 lines/s and within 3× of a bare loop doing the same
Decimal multiplications and roundings (the floor); the CLI on a generated
min(N, 100,000)-line JSON file < 5 s. ``peak_mem_mb`` is the peak RSS of this process
(in-process rows) or of the CLI child process.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rebate.calc.mdt import GoodsLine, PeriodInput, calculate_period  # noqa: E402
from rebate.calc.money import CENT, CONTEXT  # noqa: E402
from rebate.calc.periods import Period  # noqa: E402

PERIOD_TARGET_LINES_PER_S = 300_000
PERIOD_MAX_RATIO = 3.0
CLI_TARGET_SECONDS = 5.0
CLI_MAX_LINES = 100_000
RATE_PAIRS = (("0.13", "0.13"), ("0.13", "0.10"), ("0.13", "0.09"), ("0.09", "0.09"))


def line_fields(index: int) -> dict[str, str]:
    """Deterministic, varied line data: several rate pairs, 进料加工 and red-letter lines."""
    levy, rebate = RATE_PAIRS[index % len(RATE_PAIRS)]
    sign = "-" if index % 50 == 49 else ""
    cny = f"{sign}{(index * 7919) % 9_000_000 + 1000}.{index % 100:02d}"
    fields = {
        "id": str(index + 1),
        "fob_usd": f"{sign}{(index * 7919) % 1_200_000 + 140}.{(index * 3) % 100:02d}",
        "fob_cny": cny,
        "levy_rate": levy,
        "rebate_rate": rebate,
    }
    if index % 5 == 0:
        fields["allocation_rate"] = "0.654321"
    return fields


def make_lines(count: int) -> list[GoodsLine]:
    lines = []
    for index in range(count):
        fields = line_fields(index)
        allocation = fields.get("allocation_rate")
        lines.append(
            GoodsLine(
                fields["id"],
                Decimal(fields["fob_usd"]),
                Decimal(fields["fob_cny"]),
                Decimal(fields["levy_rate"]),
                Decimal(fields["rebate_rate"]),
                Decimal(allocation) if allocation else None,
            )
        )
    return lines


def bare_loop(lines: list[GoodsLine]) -> None:
    """The floor: the same Decimal multiplications and roundings, nothing else."""
    with localcontext(CONTEXT):
        for line in lines:
            fob = line.fob_cny
            allocation = line.allocation_rate
            rebate = line.rebate_rate
            base = fob if allocation is None else fob - (fob * allocation).quantize(CENT)
            (base * (line.levy_rate - rebate)).quantize(CENT)
            (base * rebate).quantize(CENT)


def period(lines: list[GoodsLine]) -> None:
    calculate_period(PeriodInput(Period(2026, 5), lines, ending_credit=Decimal("150000.00")))


def best_of(repeats: int, action: Callable[[], Any]) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux: KiB


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


def bench_period(count: int) -> list[dict[str, Any]]:
    lines = make_lines(count)
    repeats = 3 if count <= 1_000_000 else 1
    floor = best_of(repeats, lambda: bare_loop(lines))
    seconds = best_of(repeats, lambda: period(lines))
    ratio = round(seconds / floor, 2)
    ok = count / seconds >= PERIOD_TARGET_LINES_PER_S and ratio <= PERIOD_MAX_RATIO
    return [
        row("bare loop (floor)", count, floor, floor_seconds=round(floor, 3), ratio=1.0),
        row(
            "period in-process",
            count,
            seconds,
            target=f">= {PERIOD_TARGET_LINES_PER_S:,} lines/s, ratio <= {PERIOD_MAX_RATIO:g}",
            floor_seconds=round(floor, 3),
            ratio=ratio,
            status="PASS" if ok else "FAIL",
        ),
    ]


def write_period_file(path: Path, count: int) -> None:
    document = {
        "period": "202605",
        "goods": [line_fields(index) for index in range(count)],
        "carried_offset": "2000.00",
        "ending_credit": "150000.00",
    }
    path.write_text(json.dumps(document), encoding="utf-8")


def bench_cli(count: int) -> dict[str, Any]:
    """Runs before the in-process rows so that the child's peak RSS is its own, not the
    copy-on-write image of a parent holding a million lines."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "period.json"
        write_period_file(path, count)
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "rebate.calc", "period", str(path)],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        seconds = time.perf_counter() - started
    in_process = best_of(1, lambda: period(make_lines(count)))
    ok = completed.returncode == 0 and seconds < CLI_TARGET_SECONDS
    return row(
        "CLI period (JSON file)",
        count,
        seconds,
        peak_mem_mb=peak_rss_mb(resource.RUSAGE_CHILDREN),
        target=f"< {CLI_TARGET_SECONDS:g} s",
        floor_seconds=round(in_process, 3),
        ratio=round(seconds / in_process, 2),
        status="PASS" if ok else f"FAIL (exit {completed.returncode})",
    )


def run(lines: int) -> list[dict[str, Any]]:
    """All benchmark rows for ``lines`` goods lines (the CLI uses at most 100,000)."""
    cli_row = bench_cli(min(lines, CLI_MAX_LINES))
    return [*bench_period(lines), cli_row]


SCALE_LINES = {"small": 100_000, "medium": 1_000_000, "large": 1_000_000}


def run_for_scale(scale: str) -> list[dict[str, Any]]:
    """The suite runner's entry point (`python -m bench`): the issue's 1M lines from medium up."""
    return run(SCALE_LINES[scale])


def print_table(rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    cells = [[str(value) for value in r.values()] for r in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for line in cells:
        print("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    rows = run(parser.parse_args().lines)
    print_table(rows)
    return 0 if all(r["status"] in ("PASS", "info") for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
