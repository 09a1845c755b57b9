"""Settings shared by every environment. Environment-specific modules import * from here."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

import dj_database_url

from . import shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("REBATE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def persisted_secret(
    path: Path, make: Callable[[], str] = lambda: secrets.token_urlsafe(50)
) -> str:
    """A random secret generated on first use and kept in a file only its owner can read.

    Used where no DJANGO_SECRET_KEY is given (the loopback demo, developer mode, the
    simulators' own server): every installation gets its own key, stable across restarts.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as out:
        out.write(make())
    return path.read_text().strip()


# Each environment sets its own: prod requires DJANGO_SECRET_KEY, demo/dev persist one under var/.
SECRET_KEY = ""
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost", "testserver"]

# The demo account exists only where settings allow it (dev/demo); prod refuses to start with it.
DEMO_ALLOWED = False
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-2026"  # noqa: S105 — the documented demo sign-in, refused by prod
DEMO_PHONE_PIN = ""  # the demo phones' PIN at the SMS simulator (demo settings generate one)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "captcha",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "rebate.core",
    "rebate.accounts",
    "rebate.web",
    "rebate.codes",
    "rebate.configuration",
    "rebate.customs",
    "rebate.goods",
    "rebate.service_exports",
    "rebate.declarations",
    "rebate.mdt",
    "rebate.other_declarations",
    "rebate.filings",
    "rebate.certificates",
    "rebate.processing",
    "rebate.insight",
    "rebate.documents",
    "rebate.refunds",
    "rebate.overseas",
    "rebate.matching",
    "rebate.obligations",
    "rebate.integrations",
    "rebate.webhooks",
    "rebate.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rebate.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "rebate" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rebate.web.context.shell",
            ],
        },
    },
]


def database_from_env(
    variable: str = "DATABASE_URL", file: str = "rebate.sqlite3"
) -> dict[str, object]:
    """One URL (the environment variable) for server, worker and commands; SQLite under var/ when
    unset. The simulators' own settings use SIM_DATABASE_URL and var/sim.sqlite3."""
    url = os.environ.get(variable, f"sqlite:///{VAR_DIR / file}")
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL + IMMEDIATE transactions let the web process and db_worker processes share the file
        # without "database is locked" on write upgrades.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            # Seconds a write waits for the lock (REBATE_SQLITE_TIMEOUT: the process tests).
            "timeout": float(os.environ.get("REBATE_SQLITE_TIMEOUT", "30")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "rebate.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:main"
LOGOUT_REDIRECT_URL = "web:portal"

# Lockout after repeated failures (django-axes): 5 failures of one user name from one client lock
# that pair for 15 min. Locking the user name alone let anyone lock any clerk out by typing their
# name five times; locking the address alone would lock a whole office behind one NAT address
# out after five typos of different clerks. Every sign-in method that authenticates through
# django-axes counts toward the same lock.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "rebate.accounts.views.lockout_response"

CAPTCHA_TEST_MODE = False
CAPTCHA_LENGTH = 4
CAPTCHA_IMAGE_SIZE = (110, 34)
CAPTCHA_FONT_SIZE = 26

LANGUAGE_CODE = "zh-hans"
# The product speaks Chinese only: with Django's full list, LocaleMiddleware answered an English
# browser's Accept-Language with Django's English messages (「Enter a valid date.」).
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
# Files, cache and sessions every instance shares (config.settings.shared: STORAGE_URL,
# REDIS_URL). A file is written to a temporary file here, then saved to storage: on the local
# disk that save is a rename, so FILE_UPLOAD_TEMP_DIR sits beside MEDIA_ROOT.
STORAGES = {
    "default": shared.file_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_TEMP_DIR = VAR_DIR / "tmp"
FILE_UPLOAD_TEMP_DIR.mkdir(exist_ok=True)
CACHES = shared.caches()
SESSION_ENGINE = shared.session_engine()

SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A job whose worker process died (killed, machine lost) is queued again for any live worker
# until it has been started this many times; then it is marked failed (rebate.core.jobs).
JOB_ATTEMPTS = int(os.environ.get("REBATE_JOB_ATTEMPTS", "3"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rebate.api.auth.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "EXCEPTION_HANDLER": "rebate.api.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "出口退税（生产版）API",
    "DESCRIPTION": "ERP集成接口：报关单、各申报业务的记录、申报批次与流程、后台任务、参考数据"
    "与计算、消息推送地址。以 Authorization: Bearer <令牌> 认证"
    "（“配置 → 接口集成 → API令牌”创建）。",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    # One name per choice set used under several field names or apps (otherwise W001 at every
    # start: "multiple names for the same choice set", "collision for fields named status").
    "ENUM_NAME_OVERRIDES": {
        "RecordStatusEnum": "rebate.core.models.RecordStatus",
        "WaiverKindEnum": "rebate.filings.choices.WaiverKind",
        "YesNoEnum": "rebate.configuration.choices.YesNo",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "rebate.api.schema.add_common_responses",
    ],
}
# Requests per API token (rebate.api.auth.TokenRateThrottle): over it 429 with Retry-After.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/min")
# The integration settings area's tabs (rebate.api.pages): (label, URL name).
API_SETTINGS_TABS = [("API令牌", "api:tokens")]
# More URLconf modules mounted under /api/v1/ (an integration app's endpoints).
API_EXTRA_URLCONFS: list[str] = []

DJANGO_TABLES2_TEMPLATE = "core/table.html"

# Outside parties, reached over HTTP at these base URLs (required: an empty one refuses to make
# a call). prod takes them from the environment; the loopback demo points them at the
# simulators' own server, which `make run` starts on SIMULATOR_PORT; tests route them to the
# simulators in-process (conftest.py). The product never mounts or installs a simulator.
CUSTOMS_ENDPOINT = os.environ.get("CUSTOMS_ENDPOINT", "")
TAXBUREAU_ENDPOINT = os.environ.get("TAXBUREAU_ENDPOINT", "")
SMS_ENDPOINT = os.environ.get("SMS_ENDPOINT", "")
# Set only where `serve` also runs the simulators (demo/dev); prod has real parties instead.
SIMULATOR_PORT: int | None = None
SIMULATOR_SETTINGS = "config.settings.sim"
# Where `make run` keeps the demo IC card key files the simulated e-port issued (PIN in README).
CARD_FILES_DIR = VAR_DIR / "cards"
RATES_ENDPOINT = os.environ.get("RATES_ENDPOINT", "")  # 人民币汇率中间价 source (CFETS)

# 消息推送 (rebate.webhooks, docs/webhooks.md). Loopback receivers (http://127.0.0.1…) serve tests
# and local trials; prod refuses them like any internal address. The endpoints' signing secrets
# are sealed with a key derived from WEBHOOKS_SEALING_KEY (SECRET_KEY when unset).
WEBHOOKS_ALLOW_LOOPBACK = True
WEBHOOKS_SEALING_KEY = os.environ.get("WEBHOOKS_SEALING_KEY", "")
WEBHOOKS_TICK_SECONDS = 300
# Event sources the periodic tick runs: each takes today's date and returns deliveries made.
WEBHOOKS_SCHEDULED_EVENTS = ["rebate.customs.deadlines.deadline_events"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

SILENCED_SYSTEM_CHECKS: list[str] = []
