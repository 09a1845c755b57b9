"""Serve the product with its background workers: `make run`.

A small supervisor over named child commands (the web server, N workers): a child that dies is
started again after a back-off, the others keep running; SIGTERM / SIGINT stop them all.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from rebate.core import simulators

POLL_SECONDS = 0.2
BACKOFF_FIRST, BACKOFF_MAX = 0.5, 30.0
STABLE_SECONDS = 60.0  # a child that ran this long starts again without waiting
STOP_GRACE_SECONDS = 10.0


ChildCommand = tuple[str, list[str], "dict[str, str] | None"]


def web_command(port: int, *options: str) -> list[str]:
    """The product's gunicorn on 127.0.0.1:PORT with config/gunicorn.py (serve and the load
    benches run the same server)."""
    config = str(settings.BASE_DIR / "config" / "gunicorn.py")
    return [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--config", config, *options,
    ]  # fmt: skip


def child_commands(port: int, workers: int) -> list[ChildCommand]:
    """(name, argv, environment or None for serve's own) of every child `serve` keeps running;
    in demo/dev the simulators (the outside world) too, in their own environment."""
    python = sys.executable
    manage = str(settings.BASE_DIR / "manage.py")
    children: list[ChildCommand] = [("web", web_command(port, "--access-logfile", "-"), None)]
    for i in range(workers):
        worker = [python, manage, "worker", "--queue-name", "*", "--no-reload"]
        argv = [*worker, "--worker-id", f"worker-{i}-{os.getpid()}"]
        children.append((f"worker-{i}", argv, None))
    if settings.SIMULATOR_PORT is not None:
        env = simulators.environment()
        children += [
            (name, argv, env) for name, argv in simulators.commands(settings.SIMULATOR_PORT)
        ]
    return children


@dataclass
class Child:
    name: str
    argv: list[str]
    env: dict[str, str] | None = None
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    due: float = 0.0  # when to start it again
    backoff: float = BACKOFF_FIRST
    starts: int = field(default=0)

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, cwd=settings.BASE_DIR, env=self.env)
        self.started, self.starts = time.monotonic(), self.starts + 1

    def check(self, log: TextIO) -> None:
        """Start the child when it is not running and its back-off has passed."""
        now = time.monotonic()
        if self.process is not None:
            code = self.process.poll()
            if code is None:
                return
            self.process = None
            if now - self.started > STABLE_SECONDS:
                self.backoff = BACKOFF_FIRST
            self.due = now + self.backoff
            log.write(
                f"子进程 {self.name} 已退出（退出码 {code}），{self.backoff:g} 秒后重新启动\n"
            )
            log.flush()
            self.backoff = min(self.backoff * 2, BACKOFF_MAX)
        if now >= self.due:
            self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()

    def reap(self) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Supervisor:
    def __init__(self, commands: list[ChildCommand], log: TextIO) -> None:
        self.children = [Child(name, argv, env) for name, argv, env in commands]
        self.log = log
        self.running = True

    def stop(self, *_: Any) -> None:
        self.running = False

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        try:
            while self.running:
                for child in self.children:
                    child.check(self.log)
                time.sleep(POLL_SECONDS)
        finally:
            for child in self.children:
                child.stop()
            for child in self.children:
                child.reap()


class Command(BaseCommand):
    help = "Run gunicorn on 127.0.0.1:PORT with background workers; restart any that dies."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=1, help="background worker processes")

    def handle(self, *args: Any, port: int, workers: int, **options: Any) -> None:
        if not settings.DEBUG:
            # Production refuses to start on a failed deploy check (e.g. the demo sign-in).
            call_command("check", "--deploy", "--fail-level", "ERROR")
        supervisor = Supervisor(child_commands(port, workers), sys.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"\n出口退税（生产版）已启动：http://127.0.0.1:{port}/")
        )
        if settings.DEMO_ALLOWED:
            self.stdout.write(f"演示账号：{settings.DEMO_USERNAME} / {settings.DEMO_PASSWORD}")
        if settings.SIMULATOR_PORT is not None:
            self.stdout.write(
                f"模拟手机（忘记密码的短信）：http://127.0.0.1:{settings.SIMULATOR_PORT}/sms/phone/"
                f"，解锁密码 {settings.DEMO_PHONE_PIN}"
            )
        self.stdout.write("按 Ctrl+C 停止（网页服务、后台任务与模拟外部机构进程一并停止）\n")
        self.stdout.flush()
        supervisor.run()
