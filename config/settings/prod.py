"""Production settings: everything secret or host-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
DEMO_ALLOWED = False


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"环境变量 {name} 未设置 (production requires {name}).")
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = _required("DJANGO_ALLOWED_HOSTS").split(",")
# The real e-port, bureau and SMS gateway (no simulator is installed or mounted here).
CUSTOMS_ENDPOINT = _required("CUSTOMS_ENDPOINT")
TAXBUREAU_ENDPOINT = _required("TAXBUREAU_ENDPOINT")
SMS_ENDPOINT = _required("SMS_ENDPOINT")
RATES_ENDPOINT = _required("RATES_ENDPOINT")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
WEBHOOKS_ALLOW_LOOPBACK = False  # a receiver on the server itself is an internal address
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    **STORAGES,  # noqa: F405 — the files' storage of STORAGE_URL (config.settings.shared)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The main screen shows each function in a same-origin frame (the manual's tabbed 展示区), so
# frames stay SAMEORIGIN rather than DENY; cross-origin framing is still refused.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]  # noqa: F405
