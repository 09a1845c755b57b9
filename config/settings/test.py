"""Test settings: the same database selection (DATABASE_URL), fast hashing, immediate tasks."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS
from .simapps import SIM_APPS

DEBUG = False
SECRET_KEY = "test-only-key-not-for-any-server"  # noqa: S105
DEMO_ALLOWED = True
CAPTCHA_TEST_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True

# Tests keep the simulators in-process: installed beside the product in the one test database and
# reached through httpx.WSGITransport, which conftest.py sets up for every test. These base URLs
# are what the product's clients are configured with; the transport answers them in-process.
INSTALLED_APPS = [*INSTALLED_APPS, *SIM_APPS]

# Declaration families registered only in tests (tests/families): their apps and record pages.
INSTALLED_APPS += ["tests.families.yearly", "tests.families.filing"]
ROOT_URLCONF = "tests.families.urls"
CUSTOMS_ENDPOINT = "http://127.0.0.1/customs"
TAXBUREAU_ENDPOINT = "http://127.0.0.1/taxbureau"
SMS_ENDPOINT = "http://127.0.0.1/sms"
RATES_ENDPOINT = "http://127.0.0.1/rates"
