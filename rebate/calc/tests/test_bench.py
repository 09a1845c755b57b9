"""The benchmark runs and reports every column (timing targets are checked in the bench)."""

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "bench" / "bench_calc.py"
KEYS = {
    "operation",
    "rows",
    "seconds",
    "rows_per_s",
    "peak_mem_mb",
    "target",
    "floor_seconds",
    "ratio",
    "status",
}


def test_bench_run_returns_result_rows() -> None:
    spec = importlib.util.spec_from_file_location("bench_calc", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.run(300)
    assert [row["operation"] for row in rows] == [
        "bare loop (floor)",
        "period in-process",
        "CLI period (JSON file)",
    ]
    assert all(set(row) == KEYS for row in rows)
    assert rows[2]["status"] == "PASS"
