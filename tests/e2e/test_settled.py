"""settle (tests/e2e/settled.py) waits for a 页签 whose page is still on its way: the server holds
the tab's page back 1.5 s, and right after settle the tab shows it (UI-01's blank 展示区)."""

from __future__ import annotations

import time

import pytest
from django.core.signals import request_started

from rebate.accounts.tests.factories import make_user
from tests.e2e.manual.test_menu_chapters import sign_in
from tests.e2e.settled import settle
from tests.e2e.test_shell import open_function

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SLOW = "/ckts/customs/declarations/"  # 报关单采集's page


def hold_back(environ, **_) -> None:
    if environ.get("PATH_INFO") == SLOW:
        time.sleep(1.5)


def test_settle_waits_for_the_tab_being_loaded(live_server, laptop) -> None:
    page = laptop
    sign_in(page, live_server.url, make_user(password="pw-Test-2026"))
    request_started.connect(hold_back)  # the live server's thread, in this process
    try:
        open_function(page, "数据采集", "报关单数据采集", "报关单采集")
        pane = page.locator("#panes .pane:not([hidden])")
        assert pane.get_attribute("aria-busy") == "true"  # asked for, not there yet
        settle(page)
    finally:
        request_started.disconnect(hold_back)
    # count() does not wait: the page is there because settle waited for it
    assert pane.get_attribute("aria-busy") is None
    title = page.frame_locator("#panes .pane:not([hidden]) iframe").locator(".page-title")
    assert title.count() == 1 and title.inner_text() == "报关单采集"
