"""`manage.py worker` that freezes just before its job's first commit (fault tests).

When the running job's first transaction is about to commit — its writes done, none of them
committed — the worker writes $FAULT_MARK and sleeps, for the test to kill it with SIGKILL. (A
handler that committed part of its work earlier would show it: the test compares the data.)
The worker's own bookkeeping before and after the job passes untouched.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import django


def freeze_before_commit(connection: Any, mark: Path) -> None:
    from rebate.core import jobs

    commit = connection.commit

    def frozen_commit() -> None:
        lease = jobs._lease
        if lease is not None and lease._job is not None:
            mark.write_text(f"job {lease._job}")
            time.sleep(3600)
        commit()

    connection.commit = frozen_commit


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    freeze_before_commit(connection, Path(os.environ["FAULT_MARK"]))
    call_command("worker", *sys.argv[1:])


if __name__ == "__main__":
    main()
