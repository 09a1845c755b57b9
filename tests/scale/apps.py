from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.apps import AppConfig


class Ledger(dict[str, Any]):
    """The job handlers, each wrapped to append `start|done <job> <worker>` to $SCALE_LEDGER:
    which process started and which finished every job (O_APPEND lines from every worker)."""

    started = 0

    def __getitem__(self, kind: str) -> Any:
        handler = super().__getitem__(kind)

        def logged(job: Any, progress: Any) -> Any:
            from django.db import connection

            from rebate.core import jobs

            owner = jobs._lease.owner if jobs._lease else "inline"
            _append(f"start {job.pk} {owner}")
            Ledger.started += 1
            if str(Ledger.started) == os.environ.get("SCALE_FREEZE_AT"):
                from tests.processes.faulty_worker import freeze_before_commit

                freeze_before_commit(connection, Path(os.environ["FAULT_MARK"]))
            result = handler(job, progress)
            _append(f"done {job.pk} {owner}")
            return result

        return logged


def _append(line: str) -> None:
    path = os.environ.get("SCALE_LEDGER")
    if path:
        with open(path, "a") as out:
            out.write(line + "\n")


class ScaleTestsConfig(AppConfig):
    """In the scale tests' processes: the ledger of job runs; with SCALE_FREEZE_AT=n the worker
    freezes just before the commit of its n-th job (for the test to SIGKILL it there)."""

    name = "tests.scale"
    label = "scale_tests"

    def ready(self) -> None:
        from rebate.core import jobs

        jobs._HANDLERS = Ledger(jobs._HANDLERS)
