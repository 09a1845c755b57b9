"""The worker as a process: a busy or dropped database is waited out, never a reason to exit."""

from __future__ import annotations

import sqlite3
import time

import dj_database_url

from .conftest import Site, _pg, wait_for


def _job_status(site: Site, pk: int) -> str:
    [jobs] = site.steps(["jobs"])
    return next(j["status"] for j in jobs if j["pk"] == pk)


def _hold_database(site: Site) -> None:
    """SQLite: hold the write lock longer than the worker's busy timeout. PostgreSQL: end the
    worker's connections under it (as a restart of the server does)."""
    config = dj_database_url.parse(site.url)
    if site.url.startswith("sqlite"):
        holder = sqlite3.connect(str(config["NAME"]), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        time.sleep(3)
        holder.execute("COMMIT")
        holder.close()
        return
    with _pg(site.url) as conn:
        for _ in range(3):
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [config["NAME"]],
            )
            time.sleep(1)


def test_worker_waits_out_a_busy_database_and_runs_the_next_job(site: Site) -> None:
    worker = site.manage(
        "worker", "--no-reload", "--no-startup-delay", "--interval", "0.1",
        REBATE_SQLITE_TIMEOUT="0.5",
    )  # fmt: skip
    wait_for(lambda: "Starting worker" in site.logs(), "the worker to start")
    _hold_database(site)
    assert worker.poll() is None, site.logs()
    [pk] = site.steps(["job", "declarations.consistency"])
    wait_for(lambda: _job_status(site, pk) == "succeeded", "the job to run", 120)
    assert worker.poll() is None, site.logs()
    assert "database busy or unreachable" in site.logs()
