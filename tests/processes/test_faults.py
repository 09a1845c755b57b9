"""SIGKILL of the worker in the middle of each kind of job (issue 13 point 6).

Each job is frozen inside its first write transaction (faulty_worker.py) and killed there. The
site keeps answering; nothing of the job is kept; the job ends failed with a clear message (the
next worker reaps it on start); running it again gives exactly the rows of an uninterrupted run
on a copy of the same database.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from rebate.core.jobs import INTERRUPTED

from .conftest import REPO, Databases, Site, free_port, http_status, wait_for

KINDS = ["core.import", "customs.download", "declarations.consistency", "declarations.generate"]


def _kill_in_the_middle(site: Site, login: str) -> None:
    mark = site.log_dir / "frozen.sql"
    mark.unlink(missing_ok=True)
    worker = site.start(
        sys.executable, str(REPO / "tests" / "processes" / "faulty_worker.py"),
        "--no-reload", "--no-startup-delay", "--interval", "0.1", "--worker-id", "faulty",
        FAULT_MARK=str(mark),
    )  # fmt: skip
    wait_for(mark.exists, "the job's first write", 180)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    assert http_status(login) == 200, "the site went down with the worker"


def _by_kind(jobs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for job in jobs:
        found.setdefault(job["kind"], []).append(job)
    return found


def test_a_killed_job_keeps_nothing_fails_clearly_and_runs_again_the_same(
    databases: Databases, site: Site
) -> None:
    reference = databases.copy()
    reference.steps(*[["job", kind] for kind in KINDS])
    reference.run_worker_batch()
    [expected, done] = reference.steps(["fingerprint"], ["jobs"])
    assert [j["status"] for j in done] == ["succeeded"] * len(KINDS), done

    port = free_port()
    site.manage("serve", "--port", str(port), "--workers", "0", WEB_CONCURRENCY="1")
    login = f"http://127.0.0.1:{port}/accounts/login/"
    wait_for(lambda: http_status(login) == 200, "the site to answer")
    [before, *_] = site.steps(["fingerprint"], *[["job", kind] for kind in KINDS])
    for _ in KINDS:
        _kill_in_the_middle(site, login)
    site.run_worker_batch()  # reaps the last one on start; the others were reaped likewise
    [after, jobs] = site.steps(["fingerprint"], ["jobs"])
    assert after == before  # nothing half-written
    assert [(j["status"], j["message"]) for j in jobs] == [("failed", INTERRUPTED)] * len(KINDS)

    site.steps(*[["job", kind] for kind in KINDS])  # 重试
    site.run_worker_batch()
    [retried, jobs] = site.steps(["fingerprint"], ["jobs"])
    kinds = _by_kind(jobs)
    assert all(kinds[k][-1]["status"] == "succeeded" for k in KINDS), jobs
    assert retried == expected
    assert not list((site.var / "media" / "imports").glob("*")), "uploads left behind"
