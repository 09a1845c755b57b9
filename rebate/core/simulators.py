"""The simulators' own processes, for `make run` (serve, bootstrap_demo).

The outside world runs as a separate Django project (config.settings.sim) with its own server on
settings.SIMULATOR_PORT, its own db_worker for the bureau's self-checks and its own database
(SIM_DATABASE_URL / var/sim.sqlite3): the product's DATABASE_URL is removed from their
environment, so they can never open the product's database. The product reaches them over HTTP.
Nothing here imports a simulator; their management commands are run as subprocesses.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import CommandError

Child = subprocess.Popen[bytes]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = settings.SIMULATOR_SETTINGS
    return env


def manage(*arguments: str) -> str:
    """Run one of the simulators' management commands in their own process; its stdout."""
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment(),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise CommandError(f"模拟外部机构命令 {arguments[0]} 失败：{done.stderr[-2000:]}")
    return done.stdout


def commands(port: int) -> list[tuple[str, list[str]]]:
    """(name, argv) of the simulators' web server on 127.0.0.1:port and their worker; they run
    with environment()."""
    python = sys.executable
    server = [
        python, "-m", "gunicorn", "config.sim_wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--timeout", "300",
        "--no-control-socket",  # the product's gunicorn holds the default one
    ]  # fmt: skip
    worker = [
        python, "manage.py", "db_worker", "--queue-name", "*", "--no-reload",
        "--worker-id", f"sim-worker-{os.getpid()}",
    ]  # fmt: skip
    return [("sim-web", server), ("sim-worker", worker)]


def start(port: int) -> list[Child]:
    """The simulators' processes (bootstrap_demo; `serve` supervises them itself)."""
    env = environment()
    return [subprocess.Popen(argv, cwd=settings.BASE_DIR, env=env) for _, argv in commands(port)]


def wait_until_serving(port: int, children: list[Child], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(child.poll() is not None for child in children):
            raise CommandError(f"模拟外部机构进程未能启动（端口 {port} 可能已被占用）")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"模拟外部机构未在 {timeout:g} 秒内启动（端口 {port}）")


def stop(children: list[Child]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()


@contextmanager
def running(port: int) -> Iterator[list[Child]]:
    children = start(port)
    try:
        wait_until_serving(port, children)
        yield children
    finally:
        stop(children)
