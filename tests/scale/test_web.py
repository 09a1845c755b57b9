"""Two gunicorn instances of the product on different ports share sessions and cache (the
database and Redis at 127.0.0.1:6379): a clerk signed in on one is signed in on the other,
and signed out on both by 退出 on either (issue 22). The proxy in front (nginx) and killing an
instance under load are bench/bench_proxy.py's."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
import redis

from rebate.core.management.commands.serve import web_command
from tests.processes.conftest import Site, free_port, http_status, wait_for

# One xdist worker runs both: the seeded template is made once.
pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("scale")]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REDIS = "redis://127.0.0.1:6379/0"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def browser(jar: http.cookiejar.CookieJar) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def get(opener: urllib.request.OpenerDirector, url: str) -> tuple[int, str, str]:
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as answer:  # a 302 not followed
        return answer.code, answer.headers.get("Location", ""), ""


def post(opener: urllib.request.OpenerDirector, url: str, form: dict[str, str]) -> int:
    data = urllib.parse.urlencode(form).encode()
    try:
        with opener.open(url, data=data, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as answer:
        return int(answer.code)


def test_a_session_made_on_one_instance_works_on_the_other(scale_site: Site) -> None:
    site = scale_site
    [clerks] = site.steps(["clerks"])
    prefix = f"scale-test-{uuid.uuid4().hex[:8]}"
    shared = {"REDIS_URL": REDIS, "CACHE_KEY_PREFIX": prefix, "WEB_CONCURRENCY": "1",
              "GUNICORN_THREADS": "2"}  # fmt: skip
    one, two = free_port(), free_port()
    for port in (one, two):
        site.start(*web_command(port, "--log-level", "warning"), **shared)
    a, b = f"http://127.0.0.1:{one}", f"http://127.0.0.1:{two}"
    for base in (a, b):
        wait_for(lambda base=base: http_status(f"{base}/accounts/login/") == 200, "gunicorn")

    jar = http.cookiejar.CookieJar()
    clerk = browser(jar)
    status, _, page = get(clerk, f"{a}/accounts/login/")
    token = CSRF.search(page).group(1)  # type: ignore[union-attr]
    form = {"csrfmiddlewaretoken": token, "username": clerks[0], "password": "pw-Test-2026",
            "captcha_0": "x", "captcha_1": "PASSED"}  # fmt: skip
    assert post(clerk, f"{a}/accounts/login/", form) == 302  # signed in on instance one
    assert {c.name for c in jar} >= {"sessionid", "csrftoken"}

    status, _, page = get(clerk, f"{b}/ckts/")  # the main screen, on instance two
    assert status == 200 and "menu-link" in page, (status, site.logs()[-2000:])
    stranger = browser(http.cookiejar.CookieJar())
    assert get(stranger, f"{b}/ckts/")[0] == 302  # without the cookie: to the login page

    # The session's cached copy is in the shared Redis, under this installation's prefix.
    cached = redis.Redis.from_url(REDIS).keys(f"{prefix}:*")
    assert any(b"django.contrib.sessions.cached_db" in k for k in cached), cached

    # 退出 on instance two signs the clerk out on instance one as well.
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    assert post(clerk, f"{b}/accounts/logout/", {"csrfmiddlewaretoken": csrf}) == 302
    status, location, _ = get(clerk, f"{a}/ckts/")
    assert status == 302 and "/accounts/login/" in location
    redis.Redis.from_url(REDIS).delete(*cached)
