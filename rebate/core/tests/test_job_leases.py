"""A job whose worker died is found, queued again for a live worker, and marked failed once it
has been started JOB_ATTEMPTS times (issue 13 point 6, issue 22)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rebate.core.jobs import INTERRUPTED, LEASE_SECONDS, REQUEUED, jobs_reap
from rebate.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db
HOST = socket.gethostname()


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def running(enterprise, worker: str, beat_ago: float = 0, attempts: int = 3) -> Job:
    return Job.objects.create(
        enterprise=enterprise, kind="test", label="测试任务", status=JobStatus.RUNNING,
        worker=worker, heartbeat_at=timezone.now() - timedelta(seconds=beat_ago),
        attempts=attempts,
    )  # fmt: skip


def test_a_job_of_a_dead_worker_is_queued_again_until_its_attempts_are_spent(enterprise, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.JOB_ATTEMPTS = 3
    first = running(enterprise, f"{HOST}:{dead_pid()}:worker-0", attempts=1)
    last = running(enterprise, f"{HOST}:{dead_pid()}:worker-1", attempts=3)
    assert jobs_reap() == 2
    first.refresh_from_db()
    last.refresh_from_db()
    assert (first.status, first.message, first.worker) == (JobStatus.QUEUED, REQUEUED, "")
    assert (last.status, last.message) == (JobStatus.FAILED, INTERRUPTED)
    [task] = DBTaskResult.objects.all()  # one new task, for the job queued again only
    assert task.args_kwargs["args"] == [first.pk] and task.status == "READY"
    assert jobs_reap() == 0  # a second reaper finds nothing more


def test_the_progress_poll_marks_a_job_of_a_dead_worker_failed(clerk_client, enterprise):
    job = running(enterprise, f"{HOST}:{dead_pid()}:worker-0")
    page = clerk_client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == INTERRUPTED
    assert "hx-get" not in page and INTERRUPTED in page  # the page stops polling


def test_a_lease_not_renewed_expires_on_any_host(enterprise):
    stale = running(enterprise, "other-host:1:worker-0", beat_ago=LEASE_SECONDS + 1)
    fresh = running(enterprise, "other-host:1:worker-1")
    alive = running(enterprise, f"{HOST}:{os.getpid()}:worker-2")
    inline = running(enterprise, "", beat_ago=LEASE_SECONDS + 1)  # run in a request: no lease
    assert jobs_reap() == 1
    states = dict(Job.objects.values_list("pk", "status"))
    assert states == {stale.pk: "failed", fresh.pk: "running", alive.pk: "running",
                      inline.pk: "running"}  # fmt: skip
