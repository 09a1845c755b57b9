"""消息推送 through the API: the page's services and forms — the secret shown once and stored
sealed, the address checked, 查看 reads only, deliveries per endpoint, signed as documented."""

from __future__ import annotations

import json

import pytest

from rebate.accounts.tests.factories import make_user
from rebate.webhooks import sealing, signing
from rebate.webhooks.choices import DeliveryStatus, Event
from rebate.webhooks.models import WebhookDelivery, WebhookEndpoint
from rebate.webhooks.tests.conftest import receiver  # noqa: F401 — a loopback receiver

from .factories import bearer_client

pytestmark = pytest.mark.django_db
ENDPOINTS = "/api/v1/webhooks/endpoints"


def send(api, method: str, path: str, body: object = None):
    data = "" if body is None else json.dumps(body)
    return api.generic(method, path, data, "application/json")


def test_create_shows_the_secret_once_and_stores_it_sealed(clerk, receiver) -> None:  # noqa: F811
    api = bearer_client(clerk)
    events = [Event.BATCH_APPROVED, Event.BATCH_RETURNED]
    created = send(api, "POST", ENDPOINTS, {"name": "金蝶ERP", "url": receiver.url,
                                            "events": events})  # fmt: skip
    assert created.status_code == 201, created.json()
    shown = created.json()
    secret = shown["secret"]
    assert secret.startswith("whsec_") and shown["secret_hint"] == secret[-4:]
    assert shown["events"] == events and shown["active"] is True
    endpoint = WebhookEndpoint.objects.get(pk=shown["id"], enterprise=clerk.enterprise)
    assert secret not in endpoint.sealed_secret and sealing.unseal(endpoint.sealed_secret) == secret
    read = send(api, "GET", f"{ENDPOINTS}/{endpoint.pk}")
    listed = send(api, "GET", ENDPOINTS)
    assert "secret" not in read.json() and secret not in listed.content.decode()
    assert [row["id"] for row in listed.json()["results"]] == [endpoint.pk]
    rotated = send(api, "POST", f"{ENDPOINTS}/{endpoint.pk}/rotate-secret")
    assert rotated.status_code == 200 and rotated.json()["secret"] not in ("", secret)
    endpoint.refresh_from_db()
    assert sealing.unseal(endpoint.sealed_secret) == rotated.json()["secret"]


def test_bad_input_is_refused_beside_the_field_in_chinese(clerk) -> None:
    api = bearer_client(clerk)
    http = send(api, "POST", ENDPOINTS, {"name": "ERP", "url": "http://erp.example.com/h",
                                         "events": [Event.BATCH_APPROVED]})  # fmt: skip
    assert http.status_code == 400
    assert http.json()["fields"]["url"] == [
        "推送地址必须使用HTTPS（仅本机地址127.0.0.1、::1、localhost可使用http）"
    ]
    inside = send(api, "POST", ENDPOINTS, {"name": "ERP", "url": "https://192.168.10.5/h",
                                           "events": [Event.BATCH_APPROVED]})  # fmt: skip
    assert inside.json()["fields"]["url"] == [
        "推送地址解析到内网或保留地址（192.168.10.5），不允许推送"
    ]
    none = send(api, "POST", ENDPOINTS, {"name": "ERP", "url": "https://8.8.8.8/h", "events": []})
    assert none.json()["fields"]["events"] == ["请至少选择一个订阅事件"]
    extra = send(api, "POST", ENDPOINTS, {"name": "ERP", "url": "https://8.8.8.8/h",
                                          "events": [Event.BATCH_APPROVED],
                                          "secret": "mine"})  # fmt: skip
    assert extra.status_code == 400 and list(extra.json()["fields"]) == ["secret"]
    ping = send(api, "POST", ENDPOINTS, {"name": "ERP", "url": "https://8.8.8.8/h",
                                         "events": [Event.PING]})  # fmt: skip
    assert ping.status_code == 400 and "events" in ping.json()["fields"]  # not subscribable
    assert not WebhookEndpoint.objects.exists()


def test_update_changes_only_what_is_sent_and_delete_removes_the_deliveries(
    clerk,
    receiver,  # noqa: F811
    django_capture_on_commit_callbacks,
) -> None:
    api = bearer_client(clerk)
    made = send(api, "POST", ENDPOINTS, {"name": "ERP", "url": receiver.url,
                                         "events": [Event.BATCH_APPROVED]}).json()  # fmt: skip
    item = f"{ENDPOINTS}/{made['id']}"
    renamed = send(api, "PATCH", item, {"name": "用友ERP"})
    assert renamed.status_code == 200
    assert (renamed.json()["name"], renamed.json()["events"]) == ("用友ERP", [Event.BATCH_APPROVED])
    moved = send(api, "PATCH", item, {"url": "https://8.8.8.8/other"})
    assert (
        moved.status_code == 400 and "url" in moved.json()["fields"]
    )  # a new address: new endpoint
    with django_capture_on_commit_callbacks(execute=True):
        ping = send(api, "POST", f"{item}/ping")
    assert ping.status_code == 202 and ping.json()["event"] == Event.PING
    sent = receiver.requests[0]
    stamp = int(sent.headers[signing.TIMESTAMP_HEADER])
    assert sent.headers[signing.SIGNATURE_HEADER] == signing.signature(
        made["secret"], stamp, sent.body
    )
    rows = send(api, "GET", f"{item}/deliveries").json()["results"]
    assert [(r["event"], r["status"], r["response_status"]) for r in rows] == [
        (Event.PING, DeliveryStatus.SUCCEEDED, 200)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        again = send(api, "POST", f"/api/v1/webhooks/deliveries/{rows[0]['id']}/resend")
    assert again.status_code == 202 and again.json()["resent_from"] == rows[0]["id"]
    assert len(receiver.requests) == 2
    off = send(api, "PUT", item, {"active": False})
    assert off.status_code == 200 and off.json()["active"] is False
    refused = send(api, "POST", f"{item}/ping")
    assert refused.status_code == 400 and refused.json()["message"] == "推送地址已停用，未发送"
    assert send(api, "DELETE", item).status_code == 204
    assert not WebhookEndpoint.objects.exists() and not WebhookDelivery.objects.exists()
    assert send(api, "GET", item).status_code == 404


def test_a_viewer_token_reads_the_endpoints_but_changes_nothing(clerk, receiver) -> None:  # noqa: F811
    made = send(bearer_client(clerk), "POST", ENDPOINTS, {
        "name": "ERP", "url": receiver.url, "events": [Event.BATCH_APPROVED],
    }).json()  # fmt: skip
    viewer = bearer_client(make_user(clerk.enterprise, role="viewer"))
    item = f"{ENDPOINTS}/{made['id']}"
    assert send(viewer, "GET", ENDPOINTS).json()["results"][0]["id"] == made["id"]
    assert send(viewer, "GET", f"{item}/deliveries").status_code == 200
    answers = [
        send(viewer, "POST", ENDPOINTS, {"name": "x", "url": "https://8.8.8.8/h",
                                         "events": [Event.BATCH_APPROVED]}),
        send(viewer, "PATCH", item, {"active": False}),
        send(viewer, "DELETE", item),
        send(viewer, "POST", f"{item}/rotate-secret"),
        send(viewer, "POST", f"{item}/ping"),
    ]  # fmt: skip
    assert [a.status_code for a in answers] == [403] * 5
    assert answers[0].json()["message"] == "当前用户为查看角色，不能修改数据"
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.active and sealing.unseal(endpoint.sealed_secret) == made["secret"]
    assert not WebhookDelivery.objects.exists()
