"""Browser tests: Playwright for Python driving Debian's chromium, headless, against live_server.

Screenshots go to test-output/e2e/ for people to look at.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "e2e"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian chromium is missing: run `bash scripts/system-deps.sh` (make test does)"
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@contextmanager
def browser_page(browser, *, locale: str = "zh-CN", height: int = 800):
    """A fresh context's page; `locale` is the browser's language (its own messages')."""
    context = browser.new_context(viewport={"width": 1366, "height": height}, locale=locale)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with browser_page(browser) as page:
        yield page


@pytest.fixture
def laptop(browser):
    """The clerk's usual screen, 1366×768 (issue 14 was found at this size)."""
    with browser_page(browser, height=768) as page:
        yield page


@pytest.fixture
def shot(request):
    """shot(name) saves the test's page (`laptop` if it uses that, else `page`); target= any."""
    page = request.getfixturevalue("laptop" if "laptop" in request.fixturenames else "page")
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, target=None) -> Path:
        path = SHOTS / f"{name}.png"
        (target or page).screenshot(path=str(path))
        return path

    return take
