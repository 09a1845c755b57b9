"""Background jobs with progress. Domain apps register a handler per job kind; the worker runs it.

A handler receives the Job and a `progress(done, total, message)` callback and returns a result
dict. It must do its writes in its own transaction(s) so that a failure leaves nothing half-written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Job, JobStatus

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
JobHandler = Callable[[Job, Progress], dict[str, Any]]

_HANDLERS: dict[str, JobHandler] = {}


def register_job(kind: str) -> Callable[[JobHandler], JobHandler]:
    def decorate(handler: JobHandler) -> JobHandler:
        _HANDLERS[kind] = handler
        return handler

    return decorate


def job_create(
    *, enterprise: Any, actor: Any, kind: str, label: str, params: dict[str, Any]
) -> Job:
    """Create the job row and enqueue it once the surrounding transaction commits."""
    if kind not in _HANDLERS:
        raise KeyError(f"unknown job kind {kind!r}")
    job = Job.objects.create(
        enterprise=enterprise, created_by=actor, kind=kind, label=label, params=params
    )
    from .tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def _progress_writer(job: Job) -> Progress:
    def progress(done: int, total: int, message: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total, message=message[:1000])

    return progress


def job_execute(job_id: int) -> None:
    """Run a queued job (called by the worker task). Idempotent: a finished job is not re-run."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)
    try:
        result = _HANDLERS[job.kind](job, _progress_writer(job))
    except Exception as exc:  # the user sees the message; the log keeps the trace
        log.exception("job %s failed", job_id)
        message = getattr(exc, "messages", None)
        text = "；".join(message) if message else str(exc)
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message=text[:1000], finished_at=timezone.now()
        )
        return
    # The last progress message names a step that is over (「正在保存…」); the summary says what
    # was done, so 已完成 is never shown next to a step still "in progress".
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED, result=result, message="", finished_at=timezone.now()
    )
