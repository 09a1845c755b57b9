"""Real processes (serve, gunicorn, workers) on a database of their own.

The suite's DATABASE_URL chooses the backend: a file SQLite database, or a PostgreSQL database
created next to the suite's. A template is migrated and seeded once per test session (and
xdist worker); each test gets a copy, so the processes see committed data only, as in
production. Processes run with the development settings (database task backend).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dj_database_url
import pytest

REPO = Path(__file__).resolve().parents[2]
MANAGE = str(REPO / "manage.py")
WAIT_SECONDS = 60.0

pytestmark = pytest.mark.xdist_group("processes")


def wait_for(condition: Any, what: str, seconds: float = WAIT_SECONDS) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — loopback
            return int(response.status)
    except OSError:
        return 0


def children_of(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(p) for p in task.read_text().split()]
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@dataclass
class Site:
    """One database (and var directory) the processes of a test share."""

    url: str
    var: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    # Other process tests (tests/scale) bring their own settings and steps.
    settings: str = "tests.processes.settings"
    scripts: str = "tests.processes.scripts"

    @property
    def log_dir(self) -> Path:
        path = self.var / "logs" / self.url.rsplit("/", 1)[-1].replace(".", "_")
        path.mkdir(parents=True, exist_ok=True)
        return path

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.url,
            "DJANGO_SETTINGS_MODULE": self.settings,
            "REBATE_VAR_DIR": str(self.var),
            "PYTHONPATH": str(REPO),
            "PYTHONUNBUFFERED": "1",
            **extra,
        }

    def steps(self, *steps: list[Any]) -> list[Any]:
        done = subprocess.run(
            [sys.executable, "-m", self.scripts, json.dumps(list(steps))],
            cwd=REPO, env=self.env(), capture_output=True, check=False,
            timeout=float(os.environ.get("PROCESS_STEP_SECONDS", "600")),  # benches seed more
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode()[-3000:]
        return list(json.loads(done.stdout.decode().strip().splitlines()[-1]))

    def start(self, *argv: str, **extra: str) -> subprocess.Popen[bytes]:
        log = (self.log_dir / f"process-{len(self.processes)}.log").open("wb")
        process = subprocess.Popen(
            list(argv), cwd=REPO, env=self.env(**extra), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.processes.append(process)
        return process

    def manage(self, *args: str, **extra: str) -> subprocess.Popen[bytes]:
        return self.start(sys.executable, MANAGE, *args, **extra)

    def run_worker_batch(self) -> None:
        """A worker that runs every queued job, then exits (it reaps dead jobs on start)."""
        worker = self.manage("worker", "--batch", "--no-reload", "--no-startup-delay")
        assert worker.wait(timeout=600) == 0, self.logs()

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.log_dir.glob("*.log")))

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _pg(url: str) -> Any:
    import psycopg

    config = dj_database_url.parse(url)
    return psycopg.connect(
        host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"], dbname="postgres",
        autocommit=True,
    )  # fmt: skip


def _with_name(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


class Databases:
    """Copies of one migrated, seeded template database."""

    def __init__(
        self, base_url: str, root: Path, tag: str, kind: Site | None = None, seed: Any = ("seed",)
    ) -> None:
        self.postgres = base_url.startswith(("postgres://", "postgresql://"))
        self.base_url, self.root, self.tag = base_url, root, tag
        self.kind = kind or Site("", root)
        self.var = root / "var"
        self.var.mkdir(parents=True, exist_ok=True)
        self.copies: list[str] = []
        self.template = self._name("tpl")
        self._drop(self.template)
        template = self._site(self.template)
        self._create(self.template, None)
        subprocess.run(
            [sys.executable, MANAGE, "migrate", "--noinput", "-v0"],
            cwd=REPO, env=template.env(), check=True, timeout=600,
        )  # fmt: skip
        template.steps(list(seed))

    def _name(self, suffix: str) -> str:
        if self.postgres:
            base = dj_database_url.parse(self.base_url)["NAME"]
            return f"{base}_proc_{self.tag}_{suffix}"
        return str(self.root / f"{suffix}.sqlite3")

    def _url(self, name: str) -> str:
        return _with_name(self.base_url, name) if self.postgres else f"sqlite:///{name}"

    def _create(self, name: str, template: str | None) -> None:
        if not self.postgres:
            if template:
                shutil.copyfile(template, name)
            return
        with _pg(self.base_url) as conn:
            suffix = f" TEMPLATE {template}" if template else ""
            conn.execute(f"CREATE DATABASE {name}{suffix}")

    def _drop(self, name: str) -> None:
        if not self.postgres:
            for path in Path(name).parent.glob(Path(name).name + "*"):
                path.unlink()
            return
        with _pg(self.base_url) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def copy(self) -> Site:
        name = self._name(f"c{len(self.copies)}")
        self._drop(name)
        self._create(name, self.template)
        self.copies.append(name)
        return self._site(name)

    def _site(self, name: str) -> Site:
        kind = self.kind
        return Site(self._url(name), self.var, settings=kind.settings, scripts=kind.scripts)

    def drop_all(self) -> None:
        for name in [*self.copies, self.template]:
            self._drop(name)


@pytest.fixture(scope="session")
def databases(tmp_path_factory: Any) -> Iterator[Databases]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "sqlite://"
    tag = os.environ.get("PYTEST_XDIST_WORKER", "main").replace("gw", "w")
    found = Databases(url, tmp_path_factory.mktemp("processes"), tag)
    yield found
    found.drop_all()


@pytest.fixture
def site(databases: Databases) -> Iterator[Site]:
    copy = databases.copy()
    yield copy
    copy.stop_all()
