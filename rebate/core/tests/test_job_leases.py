"""A job whose worker died is found and marked failed (issue 13 point 6)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rebate.core.jobs import INTERRUPTED, LEASE_SECONDS, jobs_reap
from rebate.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db
HOST = socket.gethostname()


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def running(enterprise, worker: str, beat_ago: float = 0) -> Job:
    return Job.objects.create(
        enterprise=enterprise, kind="test", label="测试任务", status=JobStatus.RUNNING,
        worker=worker, heartbeat_at=timezone.now() - timedelta(seconds=beat_ago),
    )  # fmt: skip


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
