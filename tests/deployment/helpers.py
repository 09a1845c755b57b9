"""Run Python under a given settings module in a fresh process, as a server would start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def environment(settings: str, var_dir: Path, **env: str) -> dict[str, str]:
    """This process's environment without its settings, database or endpoints, plus `env`."""
    own = (
        "DJANGO_",
        "DATABASE_URL",
        "SIM_",
        "CUSTOMS_ENDPOINT",
        "TAXBUREAU_",
        "SMS_ENDPOINT",
        "RATES_ENDPOINT",
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    environ.update(DJANGO_SETTINGS_MODULE=settings, REBATE_VAR_DIR=str(var_dir), **env)
    return environ


def run_under(settings: str, code: str, var_dir: Path, **env: str) -> Any:
    """Execute `code` after django.setup() under `settings`; it prints one JSON value."""
    environ = environment(settings, var_dir, **env)
    script = f"import django, json\ndjango.setup()\n{code}"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
