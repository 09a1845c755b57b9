"""The simulators' own tests speak to their own URLconf (config.sim_urls), as their server does."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _sim_urlconf(settings: Any) -> None:
    settings.ROOT_URLCONF = "config.sim_urls"
