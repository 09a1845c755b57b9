"""消息推送 in the browser at 1366×768: register the ERP's receiver (a real server on loopback),
see the secret once, a plain-http address elsewhere refused in Chinese, 发送测试消息 answered 500
(等待重试 with the next retry time), then 重新发送 delivered (发送成功, 200)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rebate.accounts.tests.factories import make_user
from rebate.webhooks.models import WebhookEndpoint
from rebate.webhooks.tests import receiver as loopback

from .test_goods import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def receiver():
    found, server = loopback.start()
    yield found
    server.shutdown()
    server.server_close()


def test_register_ping_retry_and_resend(live_server, laptop, shot, receiver) -> None:
    page = laptop
    sign_in(page, live_server, make_user(password="pw-Test-2026"))
    page.goto(live_server.url + reverse("webhooks:endpoints"))
    page.fill("#id_name", "金蝶云星空")
    page.fill("#id_url", "http://erp.example.com/hooks")
    page.check("input[name=events][value='batch.approved']")
    page.click("#btn-create")
    expect(page.locator('.conv-error[data-for="url"]')).to_have_text(
        "推送地址必须使用HTTPS（仅本机地址127.0.0.1、::1、localhost可使用http）"
    )
    shot("webhooks-01-http-refused")
    page.fill("#id_url", receiver.url)
    page.check("input[name=events][value='batch.self_checked']")
    page.click("#btn-create")
    secret = page.locator("#webhook-secret-value").inner_text()
    assert secret.startswith("whsec_")
    expect(page.locator("#endpoint-table tbody tr")).to_have_count(1)
    shot("webhooks-02-secret-once")
    page.reload()
    assert secret not in page.content()

    endpoint = WebhookEndpoint.objects.get()
    receiver.answer(500, "ERP维护中，请稍后重试")
    page.goto(live_server.url + reverse("webhooks:endpoint_edit", args=[endpoint.pk]))
    page.click("#btn-ping")
    row = page.locator("#delivery-table tbody tr").first
    expect(row.locator(".delivery-status")).to_have_text("等待重试")
    expect(row).to_contain_text("ERP维护中，请稍后重试")
    expect(row).to_contain_text("1/8")
    shot("webhooks-03-retrying")
    row.locator(".btn-resend").click()
    expect(page.locator("#delivery-table tbody tr").first.locator(".delivery-status")).to_have_text(
        "发送成功"
    )
    expect(page.locator("#delivery-table tbody tr")).to_have_count(2)
    shot("webhooks-04-resent")
    assert len(receiver.requests) == 2
