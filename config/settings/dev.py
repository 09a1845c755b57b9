"""Development / demo settings: `make run`."""

import os

from .base import *  # noqa: F403

DEBUG = True
DEMO_ALLOWED = True
# Browser tests answer the captcha with PASSED; only when asked for, and never in prod.
CAPTCHA_TEST_MODE = os.environ.get("CAPTCHA_TEST_MODE") == "1"
