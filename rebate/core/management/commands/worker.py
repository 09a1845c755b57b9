"""The background worker `serve` runs: django_tasks_db's db_worker that never exits on a busy
database, with the job lease of rebate.core.jobs.

db_worker raises out of its loop when SQLite's write lock is not free within the timeout (the
claim's BEGIN EXCLUSIVE happens outside its own `except OperationalError`) or when PostgreSQL
drops the connection; here any such error means: close the connections, wait, try again. A
heartbeat thread renews the running job's lease and reaps jobs whose worker died.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django_tasks_db.management.commands import db_worker

from rebate.core import jobs

log = logging.getLogger("rebate.worker")
REAP_EVERY_SECONDS = 15.0


def _reset_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            if connection.in_atomic_block:
                connection.in_atomic_block = False
                connection.savepoint_ids = []
                connection.atomic_blocks = []
            connection.close()
        except DatabaseError:
            connection.connection = None


class Worker(db_worker.Worker):
    def run(self) -> None:
        pause = 0.5
        while self.running:
            try:
                super().run()
                return  # --batch / --max-tasks finished
            except (OperationalError, InterfaceError):
                log.warning("database busy or unreachable, retry in %.1f s", pause, exc_info=True)
                self.running_task = False
                _reset_connections()
                time.sleep(pause)
                pause = min(pause * 2, 10.0)
                self.startup_delay = False


def heartbeat(lease: jobs.Lease, stop: threading.Event) -> None:
    """Renew the lease every HEARTBEAT_SECONDS; reap dead workers' jobs now and then."""
    last_reap = 0.0
    while not stop.wait(jobs.HEARTBEAT_SECONDS):
        try:
            lease.beat()
            if time.monotonic() - last_reap > REAP_EVERY_SECONDS:
                jobs.jobs_reap()
                last_reap = time.monotonic()
        except DatabaseError:
            log.warning("heartbeat not written (database busy)", exc_info=True)
        finally:
            close_old_connections()


class Command(db_worker.Command):
    help = "Run the background worker (db_worker that waits out a busy database, with job leases)."

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        lease = jobs.lease_start(worker_id)
        jobs.when_idle(jobs.jobs_reap, patience=float("inf"))
        stop = threading.Event()
        threading.Thread(target=heartbeat, args=(lease, stop), daemon=True).start()
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
