"""API令牌 and API文档 in the browser at 1366×768: a token made on the page is shown once
(gone after a reload, listed by its prefix), works as a bearer token, and is refused once
revoked; /api/docs/ renders the schema with the vendored Swagger UI and asks no other host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import expect

from rebate.accounts.tests.factories import make_user

from .test_goods import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def bearer(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_a_token_is_shown_once_and_revoked_on_the_page(live_server, laptop, shot) -> None:
    page = laptop
    sign_in(page, live_server, make_user(password="pw-Test-2026"))
    page.goto(live_server.url + "/api/tokens/")
    page.fill("#id_name", "金蝶ERP")
    page.click("#btn-create-token")
    raw = page.locator("#new-token-value").inner_text().strip()
    assert raw.startswith("rbt_")
    expect(page.locator("#token-table tbody tr")).to_have_count(1)
    expect(page.locator("#token-table tbody tr").first).to_contain_text("从未使用")
    shot("api-01-token-shown-once")
    assert bearer(raw).get("/api/v1/jobs").status_code == 200
    page.goto(live_server.url + "/api/tokens/")
    assert raw not in page.content()
    row = page.locator("#token-table tbody tr").first
    expect(row).to_contain_text(raw[:12])
    expect(row).not_to_contain_text("从未使用")  # the call above was its first use
    page.once("dialog", lambda dialog: dialog.accept())
    row.locator("[id^=btn-revoke-]").click()
    expect(page.locator("#token-table tbody tr").first).to_contain_text("已撤销")
    expect(page.locator("[id^=btn-revoke-]")).to_have_count(0)
    shot("api-02-token-revoked")
    assert bearer(raw).get("/api/v1/jobs").status_code == 401


def test_the_documentation_renders_from_vendored_assets(live_server, laptop, shot) -> None:
    page = laptop
    sign_in(page, live_server, make_user(password="pw-Test-2026"))
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator("#swagger-ui .info .title")).to_be_visible(timeout=60000)
    expect(page.locator("#swagger-ui .opblock-tag").first).to_be_visible(timeout=60000)
    expect(page.locator("#swagger-ui .opblock-summary-path").first).to_have_text("/api/v1/batches")
    shot("api-03-docs")
    # Swagger UI lays out the 400 operations as they scroll into view; 消息推送's are last.
    hooks = page.locator("#swagger-ui .opblock-summary-path", has_text="/api/v1/webhooks/endpoints")
    for _ in range(400):
        if hooks.count():
            break
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(100)
    expect(hooks.first).to_be_visible()
    hooks.first.scroll_into_view_if_needed()
    shot("api-04-docs-webhooks")
    assert hosts == {urlsplit(live_server.url).netloc}, f"requests to other hosts: {hosts}"
