"""`make run` serves the loopback demo settings: no debug pages, a per-installation secret."""

from __future__ import annotations

import stat

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


def test_demo_settings_are_not_a_debug_server(tmp_path):
    first = run_under("config.settings.demo", PROBE, tmp_path)
    assert first["debug"] is False and first["demo"] is True
    assert first["ssl_redirect"] is False  # it serves 127.0.0.1 over http
    assert first["whitenoise"]  # static files are served by the app server
    assert first["status"] == 404
    assert "URLconf" not in first["body"] and "urlpatterns" not in first["body"]
    assert "ckts/" not in first["body"]  # no list of the product's URL patterns


def test_demo_secret_is_generated_once_and_kept_private_under_var(tmp_path):
    first = run_under("config.settings.demo", PROBE, tmp_path)
    key_file = tmp_path / "secret-key"
    assert key_file.read_text().strip() == first["secret"]
    assert len(first["secret"]) >= 50
    assert "insecure" not in first["secret"]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = run_under("config.settings.demo", PROBE, tmp_path)
    assert again["secret"] == first["secret"]  # sessions survive a restart
    other = run_under("config.settings.demo", PROBE, tmp_path / "elsewhere")
    assert other["secret"] != first["secret"]  # every installation its own


def test_developer_mode_is_separate_and_debugs(tmp_path):
    dev = run_under("config.settings.dev", PROBE, tmp_path)
    assert dev["debug"] is True and dev["status"] == 404
    assert "URLconf" in dev["body"]  # the debug page, only in developer mode
