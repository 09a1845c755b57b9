"""Settings of the processes the process tests start: the test settings (simulators installed
in-process, routed by tests.processes.apps) with the database task backend, so jobs go to real
worker processes."""

from config.settings.test import *  # noqa: F403
from config.settings.test import INSTALLED_APPS

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
INSTALLED_APPS = [*INSTALLED_APPS, "tests.processes"]
# The fault tests kill a job once and expect the failure a clerk sees after the last attempt
# (tests/scale shows a killed job recovered by another worker).
JOB_ATTEMPTS = 1
DEBUG = True  # serve's deploy check is for production
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
