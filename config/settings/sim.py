"""The simulators' own server (`make run` starts it beside the product; see serve).

The outside world is a separate process with its own settings, URLconf (config.sim_urls), secret
and database (SIM_DATABASE_URL, default var/sim.sqlite3 — never the product's DATABASE_URL, file
or write lock). The product reaches it over HTTP at CUSTOMS_ENDPOINT / TAXBUREAU_ENDPOINT /
SMS_ENDPOINT, as it would reach the real e-port, bureau and SMS gateway.
"""

import os

from .base import (  # noqa: F401 — shared locale and paths, nothing of the product
    BASE_DIR,
    DEFAULT_AUTO_FIELD,
    LANGUAGE_CODE,
    TIME_ZONE,
    USE_I18N,
    USE_TZ,
    VAR_DIR,
    database_from_env,
    persisted_secret,
)
from .simapps import SIM_APPS

DEBUG = False
SECRET_KEY = os.environ.get("SIM_SECRET_KEY") or persisted_secret(VAR_DIR / "sim-secret-key")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django_tasks",
    "django_tasks_db",
    *SIM_APPS,
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "config.sim_urls"
WSGI_APPLICATION = "config.sim_wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.csrf"]},
    }
]


DATABASES = {"default": database_from_env("SIM_DATABASE_URL", "sim.sqlite3")}
# The bureau's self-checks run in the simulators' own db_worker, queued in their own database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CSRF_COOKIE_SAMESITE = "Strict"
X_FRAME_OPTIONS = "DENY"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
