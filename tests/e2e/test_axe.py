"""The axe-core check of the browser suite (tests/e2e/axe.py) finds what it should, once per URL."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_watch

pytestmark = pytest.mark.e2e

BAD = (
    '<!doctype html><html lang="zh-CN"><head><title>自测</title></head><body><main>'
    '<input type="text"><button type="button"></button></main></body></html>'
)


def test_axe_reports_serious_violations_once_per_url(live_server, page) -> None:
    url = live_server.url + "/axe-selftest/"
    page.route("**/axe-selftest/", lambda route: route.fulfill(content_type="text/html", body=BAD))
    page.goto(url)
    watch = axe_watch(page)
    watch.settle()
    found = watch.take()  # taken: the hook has nothing left to fail this test with
    page.goto(url)  # the same URL again is not checked again
    watch.settle()
    assert watch.take() == []
    assert watch.checked == {"/axe-selftest/"}
    assert any("button-name (critical" in f and "at button" in f for f in found), found
    assert any(f.startswith("/axe-selftest/: label (critical") for f in found), found
    assert len(found) == 2, found
