"""Test settings: the same database selection (DATABASE_URL), fast hashing, immediate tasks."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-for-any-server"  # noqa: S105
DEMO_ALLOWED = True
CAPTCHA_TEST_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
