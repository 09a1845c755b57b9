"""`manage.py serve` as a supervisor: a dead child is started again, the site stays up."""

from __future__ import annotations

import os
import signal

from .conftest import Site, children_of, command_line, free_port, http_status, wait_for


def _child(serve_pid: int, marker: str) -> int:
    found = [p for p in children_of(serve_pid) if marker in command_line(p)]
    return found[0] if len(found) == 1 else 0


def test_serve_restarts_a_killed_worker_and_web_server(site: Site) -> None:
    port = free_port()
    serve = site.manage("serve", "--port", str(port), "--workers", "1", WEB_CONCURRENCY="1")
    login = f"http://127.0.0.1:{port}/accounts/login/"
    wait_for(lambda: http_status(login) == 200, "the site to answer")
    worker = wait_for(lambda: _child(serve.pid, " worker "), "the worker")

    os.kill(worker, signal.SIGKILL)
    again = wait_for(lambda: (_child(serve.pid, " worker ") or worker) != worker, "a new worker")
    assert again and serve.poll() is None, site.logs()
    assert http_status(login) == 200

    web = _child(serve.pid, "gunicorn")
    os.kill(web, signal.SIGKILL)
    wait_for(lambda: (_child(serve.pid, "gunicorn") or web) != web, "a new web server")
    wait_for(lambda: http_status(login) == 200, "the site to answer again")
    assert serve.poll() is None

    # The restarted worker runs jobs.
    [pk] = site.steps(["job", "declarations.consistency"])
    wait_for(lambda: _status(site, pk) == "succeeded", "the job", 120)
    assert "子进程 worker-0 已退出" in site.logs() and "子进程 web 已退出" in site.logs()

    last = [_child(serve.pid, " worker "), _child(serve.pid, "gunicorn")]
    serve.send_signal(signal.SIGTERM)
    assert serve.wait(timeout=30) == 0
    assert not any(os.path.exists(f"/proc/{pid}") for pid in last)  # stopped with it


def _status(site: Site, pk: int) -> str:
    [jobs] = site.steps(["jobs"])
    return next(j["status"] for j in jobs if j["pk"] == pk)
