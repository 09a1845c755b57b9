"""Two real worker processes (`manage.py worker`: django_tasks_db's db_worker with the job
lease) share one PostgreSQL queue; one is SIGKILLed in the middle of a job and the other
recovers it (issue 22). Every job runs to its end exactly once."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from rebate.core.jobs import LEASE_SECONDS
from tests.processes.conftest import Site, wait_for

from .conftest import ENTERPRISES
from .scripts import KINDS, code_of

# One xdist worker runs both: the seeded template is made once.
pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("scale")]
JOBS = ENTERPRISES * len(KINDS)


def _worker(site: Site, name: str, **extra: str):  # type: ignore[no-untyped-def]
    return site.manage(
        "worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", "--worker-id", name,
        **extra,
    )  # fmt: skip


def _ledger(path: str) -> list[tuple[str, int, str]]:
    if not os.path.exists(path):
        return []
    rows = [line.split() for line in Path(path).read_text().splitlines()]
    return [(what, int(pk), owner.rsplit(":", 1)[-1]) for what, pk, owner in rows]


def test_two_workers_run_each_job_once_and_recover_a_killed_ones_job(scale_site: Site) -> None:
    site = scale_site
    ledger = str(site.log_dir / "ledger.txt")
    mark = site.log_dir / "frozen.txt"
    [queued] = site.steps(["jobs_for", ENTERPRISES])
    assert len(queued) == JOBS == 20
    began = time.monotonic()
    # Worker a freezes just before committing its second job, b runs freely; both real workers.
    a = _worker(site, "a", SCALE_LEDGER=ledger, SCALE_FREEZE_AT="2", FAULT_MARK=str(mark))
    _worker(site, "b", SCALE_LEDGER=ledger)
    wait_for(mark.exists, "worker a in the middle of its second job", 60)
    frozen = next(pk for what, pk, who in reversed(_ledger(ledger)) if who == "a")
    os.kill(a.pid, signal.SIGKILL)
    a.wait()
    killed_at = time.monotonic() - began

    def finished() -> list[dict[str, object]] | None:
        [jobs] = site.steps(["jobs"])
        return jobs if all(j["status"] in ("succeeded", "failed") for j in jobs) else None

    jobs = wait_for(finished, "every job to finish", 90)
    took = time.monotonic() - began
    [effects, queue] = site.steps(["effects"], ["queue"])

    assert [j["status"] for j in jobs] == ["succeeded"] * JOBS, jobs
    runs = _ledger(ledger)
    done = Counter(pk for what, pk, _ in runs if what == "done")
    assert sorted(done) == sorted(queued) and set(done.values()) == {1}, runs  # once each
    # The killed job: started by a, never finished there, finished by b on its second start.
    assert ("start", frozen, "a") in runs and ("done", frozen, "a") not in runs
    assert ("done", frozen, "b") in runs
    attempts = {j["pk"]: j["attempts"] for j in jobs}
    assert attempts.pop(frozen) == 2 and set(attempts.values()) == {1}
    assert {w for _, _, w in runs} == {"a", "b"}, "both workers ran jobs"
    # Nothing of a's killed run was kept: one of each per enterprise.
    assert effects == {
        code_of(n): {"batches": 1, "runs": 1, "principals": 50} for n in range(1, ENTERPRISES + 1)
    }
    # The queue's rows: the dead worker's task failed, one new task for the job queued again.
    assert queue == ["FAILED"] + ["SUCCESSFUL"] * JOBS, queue
    assert "queued again" in site.logs()
    print(f"\n20 jobs / {ENTERPRISES} enterprises / 2 workers: worker a killed at "
          f"{killed_at:.1f} s, all done in {took:.1f} s")  # fmt: skip
    # Found dead by its pid on this host (the next reap, every REAP_EVERY_SECONDS), not by the
    # lease running out: ≈25 s on an idle machine; the bound leaves room for a loaded one.
    assert took - killed_at < LEASE_SECONDS
