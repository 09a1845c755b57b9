"""Background jobs with progress. Domain apps register a handler per job kind; the worker runs it.

A handler receives the Job and a `progress(done, total, message)` callback and returns a result
dict. It must do its writes in its own transaction(s) so that a failure leaves nothing half-written.

A job run by a worker process (`manage.py worker`) holds a lease: the worker's identity
("host:pid:id") and a heartbeat, renewed every few seconds by the worker's heartbeat thread,
which also writes the latest progress. That thread has its own connection: progress written
from inside the handler's transaction would stay invisible until the commit (and lock the job's
row on PostgreSQL). A running job whose worker is gone — its pid no longer lives on this host,
or its heartbeat is older than the lease — is found by `jobs_reap` (run by every worker's
heartbeat thread and by the progress poll): the process took its open transaction with it, so
nothing was kept, and the job is queued again for any live worker (another process, another
machine) until it has been started JOB_ATTEMPTS times; then it is marked failed (INTERRUPTED),
so a job that kills its worker every time does not take the workers down one after another.
The claim (queued → running, one UPDATE) lets one worker only run a job, however many tasks
name it.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.storage import storages
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Job, JobStatus

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
JobHandler = Callable[[Job, Progress], dict[str, Any]]
T = TypeVar("T")

INTERRUPTED = "后台任务进程意外终止，任务未完成，已回滚；请重试"
REQUEUED = "后台任务进程意外终止，已回滚，任务已重新排队"
HEARTBEAT_SECONDS = 3.0
# Longer than the longest single write transaction of a handler: on SQLite the heartbeat waits
# for the write lock that transaction holds.
LEASE_SECONDS = 120.0
BUSY_RETRY_SECONDS = 120.0

_HANDLERS: dict[str, JobHandler] = {}


class JobFailed(Exception):
    """A handler's refusal with details for the page (kept in the job's result)."""

    def __init__(self, message: str, result: dict[str, Any]) -> None:
        super().__init__(message)
        self.result = result


def job_upload(params: dict[str, Any]) -> str | None:
    """The uploaded file a job owns (params["upload"], a name in storages["default"]), if any."""
    name = params.get("upload")
    return str(name) if name else None


def _discard_upload(params: dict[str, Any]) -> None:
    name = job_upload(params)
    if name is not None:
        storages["default"].delete(name)


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


def when_idle(action: Callable[[], T], *, patience: float = BUSY_RETRY_SECONDS) -> T:
    """Run a short write, waiting and retrying while the database is busy or unreachable."""
    deadline = time.monotonic() + patience
    pause = 0.5
    while True:
        try:
            return action()
        except OperationalError:
            if time.monotonic() > deadline:
                raise
            log.warning("database busy, retrying in %.1f s", pause, exc_info=True)
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


class Lease:
    """The job a worker process is running now and its latest progress (one per process)."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self._lock = threading.Lock()
        self._job: int | None = None
        self._progress: dict[str, Any] = {}

    def begin(self, job_id: int) -> None:
        with self._lock:
            self._job, self._progress = job_id, {}

    def end(self) -> None:
        with self._lock:
            self._job, self._progress = None, {}

    def report(self, done: int, total: int, message: str = "") -> None:
        with self._lock:
            self._progress = {"done": done, "total": total, "message": message[:1000]}

    def beat(self) -> None:
        """Renew the heartbeat of the running job and write its progress (heartbeat thread)."""
        with self._lock:
            job_id, progress = self._job, dict(self._progress)
        if job_id is not None:
            Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, worker=self.owner).update(
                heartbeat_at=timezone.now(), **progress
            )


_lease: Lease | None = None


def lease_start(worker_id: str) -> Lease:
    """Called once by a worker process: its jobs are run under this lease."""
    global _lease
    _lease = Lease(f"{socket.gethostname()}:{os.getpid()}:{worker_id}")
    return _lease


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:  # a killed child not yet waited for is a zombie: dead all the same
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def lease_expired(worker: str, heartbeat: datetime.datetime | None, now: datetime.datetime) -> bool:
    if heartbeat is None or (now - heartbeat).total_seconds() > LEASE_SECONDS:
        return True
    host, _, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    return host == socket.gethostname() and pid.isdigit() and not _pid_alive(int(pid))


def jobs_reap(jobs: Any = None) -> int:
    """Queue again (or, after JOB_ATTEMPTS starts, fail) running jobs whose worker died.

    Returns how many were found. Two reapers seeing the same dead job race on one conditional
    UPDATE: only the one that wins it queues the job again.
    """
    now = timezone.now()
    running = (Job.objects.all() if jobs is None else jobs).filter(status=JobStatus.RUNNING)
    dead = [
        (pk, worker, attempts, params)
        for pk, worker, heartbeat, attempts, params in running.exclude(worker="").values_list(
            "pk", "worker", "heartbeat_at", "attempts", "params"
        )
        if lease_expired(worker, heartbeat, now)
    ]
    found = 0
    for pk, worker, attempts, params in dead:
        if _recover(pk, worker, attempts, now):
            found += 1
            if attempts >= settings.JOB_ATTEMPTS:
                _discard_upload(params)
    return found


def _recover(pk: int, worker: str, attempts: int, now: datetime.datetime) -> bool:
    from .tasks import run_job

    lost = Job.objects.filter(pk=pk, status=JobStatus.RUNNING, worker=worker)
    with transaction.atomic():
        if attempts >= settings.JOB_ATTEMPTS:
            log.warning("job %s lost its worker %s, %s starts: failed", pk, worker, attempts)
            return bool(lost.update(status=JobStatus.FAILED, message=INTERRUPTED, finished_at=now))
        if not lost.update(
            status=JobStatus.QUEUED, message=REQUEUED, worker="", heartbeat_at=None, done=0
        ):
            return False
        log.warning("job %s lost its worker %s: queued again", pk, worker)
        _task_lost(worker)
        run_job.enqueue(pk)
    return True


def _task_lost(owner: str) -> None:
    """The queue's own row of the dead worker's task stays 'running' otherwise: mark it failed."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    worker_id = owner.split(":", 2)[-1]
    for row in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        if row.worker_ids and row.worker_ids[-1] == worker_id:
            row.set_failed(RuntimeError(REQUEUED))


def _progress_writer(job: Job) -> Progress:
    def progress(done: int, total: int, message: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total, message=message[:1000])

    return progress


def _failure_text(exc: Exception) -> str:
    message = getattr(exc, "messages", None)
    return "；".join(message) if message else str(exc)


def job_execute(job_id: int) -> None:
    """Run a queued job (called by the worker task). Idempotent: a finished job is not re-run."""
    lease = _lease
    now = timezone.now()
    claimed = when_idle(
        lambda: Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            attempts=F("attempts") + 1,
            started_at=now,
            worker=lease.owner if lease else "",
            heartbeat_at=now,
        )
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)
    if lease is not None:
        lease.begin(job_id)
    try:
        result = _HANDLERS[job.kind](job, lease.report if lease else _progress_writer(job))
    except Exception as exc:  # the user sees the message; the log keeps the trace
        log.exception("job %s failed", job_id)
        outcome: dict[str, Any] = {
            "status": JobStatus.FAILED,
            "message": _failure_text(exc)[:1000],
            "result": getattr(exc, "result", {}),
        }
    else:
        # The last progress message names a step that is over (「正在保存…」); the summary says
        # what was done, so 已完成 is never shown next to a step still "in progress".
        outcome = {"status": JobStatus.SUCCEEDED, "result": result, "message": ""}
    finally:
        if lease is not None:
            lease.end()
        _discard_upload(job.params)
    when_idle(lambda: Job.objects.filter(pk=job_id).update(finished_at=timezone.now(), **outcome))


def job_seen(job: Job) -> Job:
    """The job as a poll should show it: a running job whose worker died is marked failed
    first, so a page (or an API caller) stops waiting even before a worker restarts."""
    if job.status == JobStatus.RUNNING and jobs_reap(Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    return job
