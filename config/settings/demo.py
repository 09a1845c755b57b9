"""The loopback demo served by `make run`: http://127.0.0.1 with the demo sign-in.

Not a debugging mode (that is config.settings.dev): DEBUG is off, so a 404 lists no URL patterns
and a 500 shows no traceback; the secret key is generated once per installation under var/
(mode 0600) unless DJANGO_SECRET_KEY is given; static files are served by the app server
(WhiteNoise, from collectstatic's STATIC_ROOT). It serves 127.0.0.1 over plain http, so there is no
TLS redirect and no secure-only cookie — config.settings.prod is the one for a real deployment.
"""

import os
import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR, persisted_secret

DEBUG = False
DEMO_ALLOWED = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or persisted_secret(VAR_DIR / "secret-key")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Browser tests answer the captcha with PASSED; only when asked for, and never in prod.
CAPTCHA_TEST_MODE = os.environ.get("CAPTCHA_TEST_MODE") == "1"

# The outside world is the simulators' own server, started and stopped with the product.
SIMULATOR_PORT = int(os.environ.get("SIM_PORT", "8001"))
_SIM = f"http://127.0.0.1:{SIMULATOR_PORT}"
CUSTOMS_ENDPOINT = os.environ.get("CUSTOMS_ENDPOINT") or f"{_SIM}/customs"
TAXBUREAU_ENDPOINT = os.environ.get("TAXBUREAU_ENDPOINT") or f"{_SIM}/taxbureau"
SMS_ENDPOINT = os.environ.get("SMS_ENDPOINT") or f"{_SIM}/sms"
RATES_ENDPOINT = os.environ.get("RATES_ENDPOINT") or f"{_SIM}/rates"
# The demo users' simulated phones (忘记密码) unlock with this PIN, generated per installation.
DEMO_PHONE_PIN = persisted_secret(
    VAR_DIR / "demo-phone-pin", lambda: f"{secrets.randbelow(10**8):08d}"
)

# `make run` checks the deployment before serving (rebate.core serve: check --deploy) and printed
# these five every time, burying the address and the demo sign-in: on plain http to 127.0.0.1
# there is no TLS to redirect to, pin (HSTS) or keep cookies to, and the shell frames its own
# pages (SAMEORIGIN, as prod). config.settings.prod silences none but the last.
SILENCED_SYSTEM_CHECKS = [
    *SILENCED_SYSTEM_CHECKS,  # noqa: F405
    "security.W004", "security.W008", "security.W012", "security.W016", "security.W019",
]  # fmt: skip
