"""The strict Content-Security-Policy breaks nothing: the shell, its same-origin tabs and the
function pages load, style and script themselves without one violation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user

from .test_goods import sign_in
from .test_shell import open_function

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = [
    "customs:declarations",
    "goods:exportline_list",
    "mdt:generate",
    "mdt:revoke",
    "mdt:print",
    "codes:exchange_rates",
    "configuration:enterprise_info",
]


def test_no_page_trips_the_content_security_policy(live_server, page, shot) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    user = make_user(password="pw-Test-2026")
    sign_in(page, live_server, user)
    response = page.goto(live_server.url + "/ckts/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"

    # The tabbed shell frames same-origin pages: frame-src/frame-ancestors 'self' allow them.
    open_function(page, "数据采集", "报关单数据采集", "报关单采集")
    frame = page.frame_locator(".pane[data-key] iframe.pane-frame")
    frame.locator("#btn-download").wait_for()
    assert frame.locator("body").evaluate("b => getComputedStyle(b).fontSize") == "14px"  # app.css
    shot("headers-01-shell-tab")

    for name in PAGES:
        page.goto(live_server.url + reverse(name))
        page.wait_for_load_state("networkidle")
        # Bootstrap's stylesheet and scripts ran: the page is styled and its JS is alive.
        assert page.evaluate("typeof bootstrap") == "object", name
        assert page.evaluate("typeof htmx") == "object", name
    shot("headers-02-last-page")
    assert not violations, violations
