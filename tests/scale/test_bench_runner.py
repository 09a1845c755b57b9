"""`make bench` runs each bench module in a child process configured by the bench itself: the
demo settings `make` exports for `make run` must not reach it (they once turned the API,
customs and declarations benches into HTTP 400s and an uninstalled simulator app)."""

from __future__ import annotations

import subprocess
from typing import Any

from bench import __main__ as runner


def test_bench_children_do_not_inherit_the_make_settings(monkeypatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run(argv: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
        seen.update(kw["env"])
        return subprocess.CompletedProcess(argv, 0, stdout=runner.MARK + "[]", stderr="")

    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.demo")
    monkeypatch.setattr(runner.subprocess, "run", fake_run)
    assert runner.run_module("bench_customs", "small", "postgres://x/y") == []
    assert "DJANGO_SETTINGS_MODULE" not in seen
    assert seen["BENCH_DATABASE_URL"] == "postgres://x/y"
