"""`make run` serves the loopback demo settings: no debug pages, a per-installation secret."""

from __future__ import annotations

import stat

import pytest

from .helpers import run_under

PROBE = """
from django.conf import settings
from django.test import Client
response = Client().get("/no-such-page/", HTTP_HOST="127.0.0.1")
print(json.dumps({
    "debug": settings.DEBUG, "secret": settings.SECRET_KEY, "demo": settings.DEMO_ALLOWED,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT, "status": response.status_code,
    "body": response.content.decode(),
    "whitenoise": "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE,
}))
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One demo process started on a fresh var/: its settings, its 404 page and its var dir."""
    var = tmp_path_factory.mktemp("demo-var")
    return run_under("config.settings.demo", PROBE, var), var


def test_demo_settings_are_not_a_debug_server(demo):
    first, _ = demo
    assert first["debug"] is False and first["demo"] is True
    assert first["ssl_redirect"] is False  # it serves 127.0.0.1 over http
    assert first["whitenoise"]  # static files are served by the app server
    assert first["status"] == 404
    assert "URLconf" not in first["body"] and "urlpatterns" not in first["body"]
    assert "ckts/" not in first["body"]  # no list of the product's URL patterns


def test_demo_secret_is_generated_once_and_kept_private_under_var(demo):
    first, var = demo
    key_file = var / "secret-key"
    assert key_file.read_text().strip() == first["secret"]
    assert len(first["secret"]) >= 50
    assert "insecure" not in first["secret"]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = run_under("config.settings.demo", PROBE, var)
    assert again["secret"] == first["secret"]  # sessions survive a restart
    other = run_under("config.settings.demo", PROBE, var / "elsewhere")
    assert other["secret"] != first["secret"]  # every installation its own


def test_developer_mode_is_separate_and_debugs(tmp_path):
    dev = run_under("config.settings.dev", PROBE, tmp_path)
    assert dev["debug"] is True and dev["status"] == 404
    assert "URLconf" in dev["body"]  # the debug page, only in developer mode


STATIC = """
from pathlib import Path
from django.conf import settings
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", "--noinput", "-v", "0")
name = sorted(p for p in Path(settings.STATIC_ROOT).rglob("*.css"))[0]
url = settings.STATIC_URL + str(name.relative_to(settings.STATIC_ROOT))
response = Client().get(url, HTTP_HOST="127.0.0.1")
print(json.dumps({"url": url, "status": response.status_code}))
"""


def test_demo_serves_its_static_files_from_the_app_server(tmp_path):
    served = run_under("config.settings.demo", STATIC, tmp_path)
    assert served["status"] == 200, served


CHECK = """
import io
from django.core.management import call_command
out, err = io.StringIO(), io.StringIO()
call_command("check", "--deploy", "--fail-level", "ERROR", stdout=out, stderr=err)
print(json.dumps({"out": out.getvalue(), "err": err.getvalue()}))
"""


def test_make_runs_deploy_check_before_serving_reports_nothing(tmp_path):
    """serve runs check --deploy first: it printed 48 warnings (the /bulk API docs, enum names,
    five of plain http on 127.0.0.1) above the address and the demo sign-in."""
    found = run_under("config.settings.demo", CHECK, tmp_path)
    assert "System check identified no issues" in found["out"], found
    assert "WARNINGS" not in found["err"] and "W001" not in found["err"], found["err"][:2000]
