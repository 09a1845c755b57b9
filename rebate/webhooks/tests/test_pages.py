"""消息推送地址 and 推送记录 pages: roles, the Chinese refusals, the secret shown once, 重新发送."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.choices import Role
from rebate.accounts.tests.factories import make_user
from rebate.webhooks.choices import DeliveryStatus, Event
from rebate.webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db
URL = reverse("webhooks:endpoints")


def form(url: str, *events: str) -> dict[str, object]:
    return {"name": "金蝶ERP", "url": url, "events": list(events or [Event.BATCH_APPROVED])}


def test_create_shows_the_secret_once(client, clerk, receiver) -> None:
    client.force_login(clerk)
    response = client.post(URL, form(receiver.url, Event.BATCH_APPROVED, Event.BATCH_RETURNED))
    assert response.status_code == 201
    endpoint = WebhookEndpoint.objects.get(enterprise=clerk.enterprise)
    secret = response.context["secret"]
    assert secret.startswith("whsec_") and secret in response.content.decode()
    assert endpoint.events == [Event.BATCH_APPROVED, Event.BATCH_RETURNED]
    assert secret not in endpoint.sealed_secret and endpoint.secret_hint == secret[-4:]
    page = client.get(URL).content.decode()
    assert receiver.url in page and secret not in page and f"…{secret[-4:]}" in page


def test_a_plain_http_address_elsewhere_is_refused_in_chinese(client, clerk) -> None:
    client.force_login(clerk)
    response = client.post(URL, form("http://erp.example.com/hooks"))
    assert response.status_code == 400
    assert "推送地址必须使用HTTPS（仅本机地址127.0.0.1、::1、localhost可使用http）" in (
        response.content.decode()
    )
    response = client.post(URL, form("https://192.168.10.5/hooks"))
    assert "推送地址解析到内网或保留地址（192.168.10.5），不允许推送" in response.content.decode()
    response = client.post(URL, {"name": "ERP", "url": "https://8.8.8.8/h"})
    assert "请至少选择一个订阅事件" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_a_viewer_cannot_create_or_change_endpoints(client, clerk, hook) -> None:
    endpoint, _ = hook
    viewer = make_user(clerk.enterprise, role=Role.VIEWER)
    client.force_login(viewer)
    assert client.get(URL).status_code == 200  # reading is allowed
    response = client.post(URL, form("https://8.8.8.8/hooks"))
    assert response.status_code == 403
    rotate = client.post(reverse("webhooks:endpoint_rotate", args=[endpoint.pk]))
    disable = client.post(
        reverse("webhooks:endpoint_edit", args=[endpoint.pk]),
        {"name": "x", "events": [Event.PING], "active": ""},
    )
    assert rotate.status_code == 403 == disable.status_code
    assert WebhookEndpoint.objects.count() == 1
    assert WebhookEndpoint.objects.get().sealed_secret == endpoint.sealed_secret


def test_disable_rotate_ping_and_resend_from_the_pages(
    client, clerk, hook, receiver, django_capture_on_commit_callbacks
) -> None:
    endpoint, old = hook
    client.force_login(clerk)
    edit = reverse("webhooks:endpoint_edit", args=[endpoint.pk])
    rotated = client.post(reverse("webhooks:endpoint_rotate", args=[endpoint.pk]))
    new = rotated.context["secret"]
    assert new != old and new in rotated.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks:endpoint_ping", args=[endpoint.pk]))
    ping = WebhookDelivery.objects.get(event=Event.PING)
    assert ping.status == DeliveryStatus.SUCCEEDED and len(receiver.requests) == 1
    listing = client.get(reverse("webhooks:deliveries"), {"endpoint": endpoint.pk}).content
    assert f'data-pk="{ping.pk}"'.encode() in listing and "发送成功".encode() in listing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks:delivery_resend", args=[ping.pk]))
    assert WebhookDelivery.objects.filter(resent_from=ping).count() == 1
    assert len(receiver.requests) == 2
    client.post(edit, {"name": "ERP", "events": [Event.BATCH_APPROVED]})  # 启用 unticked
    endpoint.refresh_from_db()
    assert endpoint.active is False
    response = client.post(reverse("webhooks:delivery_resend", args=[ping.pk]), follow=True)
    assert "推送地址已停用，未发送" in response.content.decode()
    assert len(receiver.requests) == 2


def test_delete_from_the_page_removes_the_endpoint_and_its_deliveries(client, clerk, hook) -> None:
    endpoint, _ = hook
    delete = reverse("webhooks:endpoint_delete", args=[endpoint.pk])
    client.force_login(make_user(clerk.enterprise, role=Role.VIEWER))
    assert client.post(delete).status_code == 403
    client.force_login(clerk)
    assert client.get(delete).status_code == 405
    assert client.post(delete).status_code == 302
    assert not WebhookEndpoint.objects.exists()
