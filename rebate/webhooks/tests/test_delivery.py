"""Deliveries to a real receiver on loopback: sent, signed, retried with backoff, recorded."""

from __future__ import annotations

import datetime
import json
import time
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rebate.webhooks import egress, services, signing
from rebate.webhooks.choices import DeliveryStatus, Event
from rebate.webhooks.events import emit
from rebate.webhooks.models import WebhookDelivery
from rebate.webhooks.tasks import tick

pytestmark = pytest.mark.django_db


def announce(clerk: Any, sent: Any, event: Event = Event.BATCH_APPROVED) -> WebhookDelivery:
    with sent(), transaction.atomic():
        (delivery,) = emit(clerk.enterprise, event, {"refund": "100000.00"})
    delivery.refresh_from_db()
    return delivery


def wait_passed(delivery: WebhookDelivery) -> None:
    """The backoff has run out (the test does not sleep it away)."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_delivered_signed_with_the_secret_shown_once(clerk, hook, receiver, sent) -> None:
    endpoint, secret = hook
    delivery = announce(clerk, sent)
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 1
    assert delivery.response_status == 200 and delivery.response_body == "ok"
    (request,) = receiver.requests
    headers = {k.lower(): v for k, v in request.headers.items()}
    stamp = headers[signing.TIMESTAMP_HEADER.lower()]
    signed = headers[signing.SIGNATURE_HEADER.lower()]
    assert signing.verify(secret, stamp, request.body, signed, now=time.time())
    assert not signing.verify(secret, stamp, request.body + b" ", signed, now=time.time())
    assert not signing.verify("whsec_other", stamp, request.body, signed, now=time.time())
    stale = time.time() + signing.TOLERANCE_SECONDS + 1
    assert not signing.verify(secret, stamp, request.body, signed, now=stale)
    body = json.loads(request.body)
    assert body["event"] == "batch.approved" == headers["x-rebate-event"]
    assert body["id"] == delivery.event_id == headers["x-rebate-delivery"]
    assert body["data"] == {"refund": "100000.00"}  # amounts as strings, never floats
    assert body["enterprise"]["customs_code"] == clerk.enterprise.customs_code
    assert secret not in endpoint.sealed_secret


def test_nothing_is_sent_when_the_change_rolls_back(clerk, hook, receiver, sent) -> None:
    with sent(), pytest.raises(RuntimeError), transaction.atomic():
        emit(clerk.enterprise, Event.BATCH_APPROVED, {})
        raise RuntimeError("the service failed after emitting")
    assert not WebhookDelivery.objects.exists() and receiver.requests == []


def test_a_500_is_retried_after_the_backoff(clerk, hook, receiver, sent) -> None:
    receiver.answer(500, "数据库繁忙")
    delivery = announce(clerk, sent)
    assert delivery.status == DeliveryStatus.RETRYING and delivery.attempts == 1
    assert delivery.response_status == 500 and delivery.response_body == "数据库繁忙"
    assert delivery.last_attempt_at is not None and delivery.next_attempt_at is not None
    assert delivery.next_attempt_at - delivery.last_attempt_at == datetime.timedelta(seconds=30)
    assert tick() == {"resumed": 0, "emitted": 0}  # not due yet: nothing sent
    assert len(receiver.requests) == 1
    wait_passed(delivery)
    assert tick()["resumed"] == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2
    first, second = receiver.requests
    assert first.body == second.body  # the same event, each attempt signed anew
    assert services.backoff(2) == datetime.timedelta(seconds=60)
    assert services.backoff(30) == datetime.timedelta(hours=6)


def test_gives_up_after_the_maximum_attempts(clerk, hook, receiver, sent) -> None:
    for _ in range(3):
        receiver.answer(503, "x" * 5000)
    with sent(), transaction.atomic():
        (delivery,) = emit(clerk.enterprise, Event.BATCH_RETURNED, {})
        WebhookDelivery.objects.filter(pk=delivery.pk).update(max_attempts=2)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING
    assert len(delivery.response_body) == egress.RESPONSE_EXCERPT  # truncated when stored
    wait_passed(delivery)
    tick()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
    assert delivery.next_attempt_at is None
    wait_passed(delivery)
    assert tick()["resumed"] == 0 and len(receiver.requests) == 2


def test_a_slow_receiver_times_out_and_is_retried(clerk, hook, receiver, sent, monkeypatch):
    monkeypatch.setattr(egress, "TIMEOUT", httpx.Timeout(0.3))
    receiver.answer(200, "late", delay=1.0)
    delivery = announce(clerk, sent)
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.error.startswith("推送超时") and delivery.response_status is None


def test_a_dead_workers_delivery_is_sent_once_its_claim_expires(clerk, hook, receiver):
    # Made without committing the enqueue: as if the worker took it and died while sending.
    (delivery,) = emit(clerk.enterprise, Event.BATCH_GENERATED, {})
    later = timezone.now() + datetime.timedelta(seconds=services.CLAIM_SECONDS)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(claimed_until=later)
    assert tick()["resumed"] == 0 and receiver.requests == []  # its worker may still be on it
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert tick()["resumed"] == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and len(receiver.requests) == 1
    assert services.delivery_attempt(delivery.pk) is None  # a late duplicate task sends nothing
    assert len(receiver.requests) == 1


def test_resend_sends_the_same_event_again(clerk, hook, receiver, sent) -> None:
    delivery = announce(clerk, sent)
    with sent():
        again = services.delivery_resend(
            enterprise=clerk.enterprise, actor=clerk, delivery=delivery
        )
    again.refresh_from_db()
    assert again.status == DeliveryStatus.SUCCEEDED and again.resent_from == delivery
    first, second = receiver.requests
    assert first.body == second.body and again.event_id == delivery.event_id


def test_only_subscribed_active_endpoints_receive(clerk, hook, receiver, sent) -> None:
    endpoint, _ = hook
    for active, event in ((True, Event.BATCH_RETURNED), (False, Event.BATCH_APPROVED)):
        services.endpoint_update(
            enterprise=clerk.enterprise,
            actor=clerk,
            endpoint=endpoint,
            name="ERP",
            events=[Event.BATCH_APPROVED],
            active=active,
        )
        assert emit(clerk.enterprise, event, {}) == []
    assert not WebhookDelivery.objects.exists()


def test_rotating_the_secret_signs_with_the_new_one(clerk, hook, receiver, sent) -> None:
    endpoint, old = hook
    new = services.endpoint_rotate_secret(
        enterprise=clerk.enterprise, actor=clerk, endpoint=endpoint
    )
    assert new != old
    announce(clerk, sent)
    (request,) = receiver.requests
    stamp, signed = request.headers["X-Rebate-Timestamp"], request.headers["X-Rebate-Signature"]
    assert signing.verify(new, stamp, request.body, signed, now=time.time())
    assert not signing.verify(old, stamp, request.body, signed, now=time.time())


def test_the_documented_verify_example_accepts_a_real_delivery(clerk, hook, receiver, sent):
    _, secret = hook
    announce(clerk, sent)
    (request,) = receiver.requests
    text = (settings.BASE_DIR / "docs" / "webhooks.md").read_text()
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    assert len(code.strip().splitlines()) <= 10
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 — the documentation's own example, run as a receiver would
    verify = namespace["verify"]
    assert verify(secret, request.headers, request.body)
    assert not verify(secret, request.headers, request.body.replace(b"batch", b"BATCH"))
    old = {**request.headers, "X-Rebate-Timestamp": str(int(time.time()) - 301)}
    assert not verify(secret, old, request.body)
