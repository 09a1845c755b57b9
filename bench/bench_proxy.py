"""The load scenario (bench/locustfile.py) through nginx in front of two gunicorn instances
sharing sessions and cache (the database and Redis), with one instance SIGKILLed half-way
(issue 22).

Target: the page rows as bench_load's (p95 < 300 ms, 0 errors), and the kill costs no request
beyond those the killed instance had in flight (at most its processes × threads): nginx sends
a request it could not deliver, or whose answer broke off, to the other instance.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.bench_load import (
    free_port,
    prepare,
    rows_from_stats,
    simulators_serving,
    steady_state_row,
    wait_until_up,
    warm_up,
)
from bench.common import BENCH_DIR, ROOT, Row
from deploy.cluster import nginx_start
from rebate.core.management.commands.serve import web_command

USERS = {"small": 10, "medium": 20, "large": 50}
DURATION = {"small": 40, "medium": 90, "large": 120}
PROCESSES, THREADS = 2, 4  # per instance
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")


def run(scale: str = "medium") -> list[dict[str, Any]]:
    env = prepare(scale)
    env.update(
        REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=f"bench-proxy-{os.getpid()}",
        WEB_CONCURRENCY=str(PROCESSES), GUNICORN_THREADS=str(THREADS),
    )  # fmt: skip
    var = BENCH_DIR / "proxy"
    var.mkdir(parents=True, exist_ok=True)
    (var / "nginx-error.log").unlink(missing_ok=True)  # this run's failures only
    webs = [free_port(), free_port()]
    proxy = free_port()
    servers = [
        subprocess.Popen(
            web_command(port, "--log-level", "warning", "--no-control-socket"),
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for port in webs
    ]
    nginx = 0
    prefix = BENCH_DIR / "proxy-load"
    env["LOAD_RAW"] = f"{prefix}-raw.json"
    duration = DURATION[scale]
    try:
        with simulators_serving(env):
            for port in webs:
                wait_until_up(port)
                warm_up(port)
            nginx = nginx_start(var, proxy, webs)
            locust = subprocess.Popen(
                [sys.executable, "-m", "locust", "-f", "bench/locustfile.py", "--headless",
                 "-u", str(USERS[scale]), "-r", "10", "-t", f"{duration}s",
                 "--host", f"http://127.0.0.1:{proxy}", "--csv", str(prefix), "--only-summary"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            time.sleep(duration / 2)
            os.killpg(servers[0].pid, signal.SIGKILL)  # the master and its workers, mid-request
            killed_at = duration / 2
            load = os.getloadavg()
            locust.wait(timeout=duration + 120)
    finally:
        for server in servers:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
        if nginx:
            os.kill(nginx, signal.SIGQUIT)
    rows = rows_from_stats(Path(f"{prefix}_stats.csv"), prefix="proxy")
    total = next(r for r in rows if r["operation"] == "proxy proxy: all pages")
    errors = int(total["errors"])
    in_flight = PROCESSES * THREADS
    # Each request nginx could not deliver to the killed instance (refused, or its answer
    # broken off) is a line of its error log; those it then passed to the other instance.
    log = (var / "nginx-error.log").read_text(errors="replace").splitlines()
    resent = sum("upstream" in line and "temporarily disabled" not in line for line in log)
    with Path(f"{prefix}_failures.csv").open(encoding="utf-8") as handle:
        kinds: Counter[str] = Counter()  # a line per page and error, with its count
        for record in csv.DictReader(handle):
            kinds[record["Error"]] += int(record["Occurrences"])
    rows.append(
        Row(
            operation="proxy: 1 of 2 web instances SIGKILLed at half-time",
            rows=int(total["rows"]),
            seconds=float(total["seconds"]),
            target=f"errors ≤ requests in flight on it (≤ {in_flight})",
            passed=errors <= in_flight,
            notes=(
                f"{USERS[scale]} clerks for {duration} s via nginx, killed at {killed_at:.0f} s; "
                f"errors {errors} {dict(kinds)}; nginx logged {resent} upstream failures (re-sent to the "
                f"other instance); {os.cpu_count()} cores, load average at the kill "
                f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
            ),
            extra={"errors": errors},
        ).as_dict()
    )
    rows.append(steady_state_row(Path(env["LOAD_RAW"]), "proxy"))
    return rows


if __name__ == "__main__":
    import json

    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "small"), ensure_ascii=False))
