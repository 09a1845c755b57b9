"""Load scenario: clerks signing in, browsing lists with filters, opening details, running checks.

Driven by bench/bench_load.py (locust, headless, against gunicorn on loopback). Every request is
named by page so the report gives p50/p95/p99 per page. FastHttpUser (geventhttpclient): the load
generator shares the server's two cores, and it costs a fraction of requests' CPU per request.

With LOAD_RAW set, every request (its start, name, time, failure) and each clerk's sign-in end
are written there as JSON when locust quits: the bench then reports the steady state — the
requests started after the last clerk signed in — beside locust's totals, which include the
sign-in burst (50 Argon2 password checks within five seconds at 10 clerks a second).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from typing import Any

from locust import FastHttpUser, between, events, task

USERNAME = os.environ.get("LOAD_USERNAME", "demo")
# Several enterprises' clerks (bench/tenants_load.py): the clerks sign in as these in turn.
USERNAMES = [u for u in os.environ.get("LOAD_USERS", "").split(",") if u] or [USERNAME]
_signing_in = itertools.count()
PASSWORD = os.environ.get("LOAD_PASSWORD", "demo-2026")
MENU_LINK = re.compile(r'<a href="([^"]+)" class="menu-link" data-key="[^"]+" data-label="([^"]+)"')
DETAIL = re.compile(r'data-detail="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RAW = os.environ.get("LOAD_RAW", "")
_samples: list[tuple[float, str, float, bool]] = []
_signed_in: list[float] = []


@events.request.add_listener
def _sample(name: str, response_time: float, exception: Any, **kw: Any) -> None:
    if RAW:
        started = kw.get("start_time") or time.time() - response_time / 1000
        _samples.append((started, name, response_time, exception is not None))


@events.quitting.add_listener
def _write_raw(**kw: Any) -> None:
    if RAW:
        with open(RAW, "w", encoding="utf-8") as handle:
            json.dump({"signed_in": _signed_in, "samples": _samples}, handle)


class Clerk(FastHttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="登录页").text
        token = CSRF.search(page).group(1)
        # The POST alone: its redirect is the 主界面 request right below, measured as that page.
        self.client.post(
            "/accounts/login/",
            name="登录",
            allow_redirects=False,
            data={
                "csrfmiddlewaretoken": token,
                "username": USERNAMES[next(_signing_in) % len(USERNAMES)],
                "password": PASSWORD,
                "captcha_0": "x",
                "captcha_1": "PASSED",
            },
        )
        shell = self.client.get("/ckts/", name="主界面").text
        links = MENU_LINK.findall(shell)
        self.pages = [(url, label) for url, label in links if "/unavailable/" not in url]
        self.details: list[str] = []
        _signed_in.append(time.time())

    @task(6)
    def browse_list(self) -> None:
        if not self.pages:
            return
        url, label = random.choice(self.pages)
        body = self.client.get(url, name=label).text
        self.details = DETAIL.findall(body)[:20] or self.details

    @task(2)
    def filtered_list(self) -> None:
        if not self.pages:
            return
        url, label = random.choice(self.pages)
        self.client.get(url, params={"page": random.randint(1, 3)}, name=f"{label}（翻页）")

    @task(3)
    def open_detail(self) -> None:
        if self.details:
            self.client.get(random.choice(self.details), name="明细")
