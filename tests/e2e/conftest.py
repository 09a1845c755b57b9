"""Browser tests: Playwright for Python driving Debian's chromium, headless, against live_server.

Screenshots go to test-output/e2e/ for people to look at. axe-core checks every page loaded
(tests/e2e/axe.py): a serious or critical violation fails the test that loaded it.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e.axe import AxeWatch
from tests.e2e.settled import settled_screenshot

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
    watch = AxeWatch(context)
    if os.environ.get("E2E_AXE", "on") != "off":  # off: to time a test without it
        watch.arm()
    _WATCHES.append(watch)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        yield page
    finally:
        watch.settle()
        _WATCHES.remove(watch)
        _AXE_FOUND.extend(watch.take())
        context.close()


_WATCHES: list[AxeWatch] = []  # contexts open in the running test


def axe_watch(page) -> AxeWatch:
    """The axe runs of `page`'s context (for a test of the check itself)."""
    return next(w for w in _WATCHES if w.context is page.context)


_AXE_FOUND: list[str] = []  # what the closed ones found


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test (its call, not its teardown) on what axe found on the pages it loaded."""
    _AXE_FOUND.clear()
    result = yield
    for watch in _WATCHES:
        watch.settle()
        _AXE_FOUND.extend(watch.take())
    found, _AXE_FOUND[:] = list(_AXE_FOUND), []
    if found:
        raise AssertionError("axe: serious/critical violations\n" + "\n".join(found))
    return result


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
    """shot(name) saves the test's page (`laptop` if it uses that, else `page`) once it is
    settled (tests/e2e/settled.py); target= any locator or page of it."""
    page = request.getfixturevalue("laptop" if "laptop" in request.fixturenames else "page")
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, target=None) -> Path:
        return settled_screenshot(page, SHOTS / f"{name}.png", target)

    return take


_SHOWING = """() => {
  const docs = [document, ...[...document.querySelectorAll('iframe')]
    .map((f) => f.contentDocument).filter(Boolean)];
  return docs.flatMap((d) => [...d.querySelectorAll('.alert, .conv-error, .modal.show')]
    .filter((el) => el.offsetParent !== null && el.innerText.trim())
    .map((el) => `${d.location.pathname}${d.location.search}: ${el.innerText.trim()}`));
}"""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test reports where its page was and the messages it showed, and
    leaves a screenshot (test-output/e2e/FAILED-<test>.png): CI keeps only the log."""
    report = yield
    page = item.funcargs.get("laptop") or item.funcargs.get("page")
    if report.when == "call" and report.failed and page is not None and not page.is_closed():
        try:
            shown = "\n".join(t[:300] for t in page.evaluate(_SHOWING)) or "(no message showing)"
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"FAILED-{item.name}.png"))
            report.sections.append(("page at failure", f"{page.url}\n{shown}"))
        except Exception as exc:  # the page may be mid-navigation or its browser gone
            report.sections.append(("page at failure", f"{page.url} (unreadable: {exc})"))
    return report
