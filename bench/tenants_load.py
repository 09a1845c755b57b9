"""The load scenario (bench/locustfile.py) with 50 clerks spread over 10 of the seeded
enterprises, against gunicorn on the many-enterprises database (bench/bench_tenants.py).

Each enterprise gets a clerk (with a bound card) whose password the served settings check
(Argon2, as every real user's); locust's clerks sign in as them in turn (LOAD_USERS), so the
pages read ten enterprises' lines among all the others'.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.common import BENCH_DIR, ROOT, Row

ENTERPRISES, CLERKS = 10, 50
DURATION = {"small": 30, "medium": 60, "large": 120}
PASSWORD = "Load-Test-2026"


def clerks(enterprises: list[Any]) -> list[str]:
    """One clerk per enterprise; their user names."""
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from rebate.accounts.tests.factories import make_user

    names = []
    hasher = Argon2PasswordHasher()
    for enterprise in enterprises:
        user = make_user(enterprise)
        user.password = hasher.encode(PASSWORD, hasher.salt())
        user.save(update_fields=["password"])
        names.append(user.username)
    return names


def served_environment(database_url: str) -> dict[str, str]:
    """bench_load's served settings on the given database (not reset), its static files
    collected."""
    from bench import bench_load

    env = bench_load.served_environment(database_url)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    return env


def run_load(database_url: str, usernames: list[str], scale: str) -> list[Row]:
    from bench.bench_load import (
        free_port,
        rows_from_stats,
        simulators_serving,
        steady_state_row,
        wait_until_up,
        warm_up,
    )
    from rebate.core.management.commands.serve import web_command

    env = served_environment(database_url)
    env.update(LOAD_USERS=",".join(usernames), LOAD_PASSWORD=PASSWORD)
    port = free_port()
    prefix = BENCH_DIR / "tenants-load"
    env["LOAD_RAW"] = f"{prefix}-raw.json"
    server = subprocess.Popen(
        web_command(port, "--log-level", "warning"), cwd=ROOT, env=env, start_new_session=True
    )
    try:
        with simulators_serving(env):
            wait_until_up(port)
            warm_up(port)
            subprocess.run(
                [sys.executable, "-m", "locust", "-f", "bench/locustfile.py", "--headless",
                 "-u", str(CLERKS), "-r", "10", "-t", f"{DURATION[scale]}s",
                 "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary"],
                cwd=ROOT, env=env, check=False, capture_output=True, timeout=DURATION[scale] + 180,
            )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    found_rows = rows_from_stats(Path(f"{prefix}_stats.csv"), prefix="多企业负载")
    found_rows.append(steady_state_row(Path(env["LOAD_RAW"]), "多企业负载"))
    signed_in = any(
        not any(name in r["operation"] for name in ("登录", "主界面", "all pages"))
        for r in found_rows
    )  # a clerk whose sign-in failed opens no page: a short list of fast rows, not a pass
    rows = []
    for found in found_rows:
        rows.append(
            Row(
                operation=f"{found['operation'].replace('多企业负载 多企业负载:', '多企业负载:')} "
                f"({CLERKS} clerks / {len(usernames)} enterprises)",
                rows=found["rows"],
                seconds=found["seconds"],
                target=found["target"],
                passed=found["status"] == "PASS" and signed_in,
                notes=found["notes"] + ("" if signed_in else "; no clerk signed in"),
            )
        )
    return rows
