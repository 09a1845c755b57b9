"""Serve the product with its background worker: `make run`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from rebate.core import simulators


class Command(BaseCommand):
    help = "Run gunicorn on 127.0.0.1:PORT together with a db_worker process."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=1, help="background worker processes")

    def handle(self, *args: Any, port: int, workers: int, **options: Any) -> None:
        if not settings.DEBUG:
            # Production refuses to start on a failed deploy check (e.g. the demo sign-in).
            call_command("check", "--deploy", "--fail-level", "ERROR")
        python = sys.executable
        env = dict(os.environ)
        children = [
            subprocess.Popen(
                [
                    python,
                    "manage.py",
                    "db_worker",
                    "--queue-name",
                    "*",
                    "--no-reload",
                    "--worker-id",
                    f"worker-{i}-{os.getpid()}",
                ],
                env=env,
            )
            for i in range(workers)
        ]
        children.append(
            subprocess.Popen(
                [
                    python,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--config",
                    str(settings.BASE_DIR / "config" / "gunicorn.py"),
                    "--access-logfile",
                    "-",
                ],
                env=env,
            )
        )
        if settings.SIMULATOR_PORT is not None:  # demo/dev: the outside world, its own processes
            children.extend(simulators.start(settings.SIMULATOR_PORT))
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
        self._wait(children)

    def _wait(self, children: list[subprocess.Popen[bytes]]) -> None:
        def stop(*_: Any) -> None:
            simulators.stop(children)
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        stop()
