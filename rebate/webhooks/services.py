"""Writes of 消息推送: endpoints (made, changed, secret rotated) and the sending of deliveries."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

import httpx
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from rebate.accounts.models import Enterprise, User

from . import egress, sealing, signing
from .choices import OPEN, SUBSCRIBABLE, DeliveryStatus, Event
from .events import emit_to, enqueue_on_commit, new_delivery
from .models import WebhookDelivery, WebhookEndpoint

log = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 30
LONGEST_PAUSE_SECONDS = 6 * 3600
# Longer than one attempt can take (connect + read timeouts): a claim older than this belongs to
# a worker that died while sending, and the tick lets another worker send it.
CLAIM_SECONDS = 60
ENDPOINT_INACTIVE = "推送地址已停用，未发送"
NO_EVENTS = "请至少选择一个订阅事件"


def _owned(enterprise: Enterprise, endpoint: WebhookEndpoint) -> None:
    if endpoint.enterprise_id != enterprise.pk:
        raise PermissionDenied("您无权限操作该数据")


def _clean_events(events: Iterable[str]) -> list[str]:
    known = [value for value, _ in SUBSCRIBABLE]
    chosen = [e for e in known if e in set(events)]
    if not chosen:
        raise ValidationError({"events": NO_EVENTS})
    return chosen


def _check_url(url: str) -> str:
    try:
        egress.check_url(url)
    except egress.EgressRefused as exc:
        raise ValidationError({"url": str(exc)}) from None
    return url


@transaction.atomic
def endpoint_create(
    *, enterprise: Enterprise, actor: User, name: str, url: str, events: Iterable[str]
) -> tuple[WebhookEndpoint, str]:
    """(the endpoint, its secret): the secret is returned this once and never shown again."""
    secret = sealing.new_secret()
    endpoint = WebhookEndpoint(
        enterprise=enterprise,
        name=name.strip(),
        url=_check_url(url.strip()),
        events=_clean_events(events),
        sealed_secret=sealing.seal(secret),
        secret_hint=secret[-4:],
        secret_rotated_at=timezone.now(),
        created_by=actor,
    )
    if WebhookEndpoint.objects.for_enterprise(enterprise).filter(url=endpoint.url).exists():
        raise ValidationError({"url": "该推送地址已登记"})
    endpoint.full_clean()
    endpoint.save()
    return endpoint, secret


@transaction.atomic
def endpoint_update(
    *,
    enterprise: Enterprise,
    actor: User,
    endpoint: WebhookEndpoint,
    name: str,
    events: Iterable[str],
    active: bool,
) -> WebhookEndpoint:
    """Name, events and 启用/停用; the address stays (a new address is a new endpoint)."""
    _owned(enterprise, endpoint)
    endpoint.name, endpoint.events, endpoint.active = name.strip(), _clean_events(events), active
    endpoint.full_clean()
    endpoint.save(update_fields=["name", "events", "active", "updated_at"])
    return endpoint


@transaction.atomic
def endpoint_delete(*, enterprise: Enterprise, actor: User, endpoint: WebhookEndpoint) -> None:
    """删除: the endpoint and its 推送记录 go; a delivery still queued finds nothing to send."""
    _owned(enterprise, endpoint)
    endpoint.delete()


@transaction.atomic
def endpoint_rotate_secret(
    *, enterprise: Enterprise, actor: User, endpoint: WebhookEndpoint
) -> str:
    """A new secret, returned this once; deliveries from now on are signed with it."""
    _owned(enterprise, endpoint)
    secret = sealing.new_secret()
    endpoint.sealed_secret, endpoint.secret_hint = sealing.seal(secret), secret[-4:]
    endpoint.secret_rotated_at = timezone.now()
    endpoint.save(update_fields=["sealed_secret", "secret_hint", "secret_rotated_at", "updated_at"])
    return secret


@transaction.atomic
def endpoint_ping(*, enterprise: Enterprise, actor: User, endpoint: WebhookEndpoint) -> None:
    """发送测试消息: a ping to this endpoint only."""
    _owned(enterprise, endpoint)
    if not endpoint.active:
        raise ValidationError(ENDPOINT_INACTIVE)
    emit_to(enterprise, [endpoint], Event.PING, {"endpoint": endpoint.name})


@transaction.atomic
def delivery_resend(
    *, enterprise: Enterprise, actor: User, delivery: WebhookDelivery
) -> WebhookDelivery:
    """重新发送: the same event (same id and body, so the receiver can tell it is the same) as a
    new delivery with its own attempts; the old one keeps its history."""
    if delivery.enterprise_id != enterprise.pk:
        raise PermissionDenied("您无权限操作该数据")
    if not delivery.endpoint.active:
        raise ValidationError(ENDPOINT_INACTIVE)
    again = new_delivery(delivery.endpoint, delivery.event, delivery.event_id, delivery.body)
    again.resent_from = delivery
    again.save()
    enqueue_on_commit([again.pk])
    return again


def backoff(attempts: int) -> datetime.timedelta:
    """Pause after the n-th failed attempt: 30 s, 1 min, 2 min, … doubling, at most 6 h."""
    seconds = min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), LONGEST_PAUSE_SECONDS)
    return datetime.timedelta(seconds=seconds)


def _claim(delivery_id: int, now: datetime.datetime) -> bool:
    """Take the delivery for this worker: one row update, so two workers never both send it."""
    free = WebhookDelivery.objects.filter(
        pk=delivery_id, status__in=OPEN, next_attempt_at__lte=now
    ).exclude(claimed_until__gt=now)
    return bool(free.update(claimed_until=now + datetime.timedelta(seconds=CLAIM_SECONDS)))


def _send(delivery: WebhookDelivery) -> tuple[int | None, str, str]:
    """(response status, body excerpt, error) of one attempt, outside any transaction."""
    endpoint = delivery.endpoint
    if not endpoint.active:
        return None, "", ENDPOINT_INACTIVE
    try:
        secret = sealing.unseal(endpoint.sealed_secret)
    except sealing.SecretUnreadable as exc:
        return None, "", str(exc)
    body = delivery.body.encode()
    timestamp = int(timezone.now().timestamp())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "rebate-webhooks/1",
        signing.EVENT_HEADER: delivery.event,
        signing.DELIVERY_HEADER: delivery.event_id,
        signing.TIMESTAMP_HEADER: str(timestamp),
        signing.SIGNATURE_HEADER: signing.signature(secret, timestamp, body),
    }
    try:
        answer = egress.post(endpoint.url, body, headers)
    except egress.EgressRefused as exc:
        return None, "", str(exc)
    except httpx.TimeoutException:
        return None, "", "推送超时（接收方未在规定时间内响应）"
    except httpx.HTTPError as exc:
        return None, "", f"连接失败：{type(exc).__name__}"[:500]
    return answer.status, answer.excerpt, ""


def delivery_attempt(delivery_id: int) -> WebhookDelivery | None:
    """One attempt (the worker's task); None when it is not due or another worker has it."""
    now = timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    status, excerpt, error = _send(delivery)
    done = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = done
    delivery.response_status, delivery.response_body, delivery.error = status, excerpt, error
    delivery.claimed_until = None
    if status is not None and 200 <= status < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryStatus.SUCCEEDED,
            done,
            None,
        )
    elif delivery.attempts >= delivery.max_attempts or error == ENDPOINT_INACTIVE:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    else:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = done + backoff(delivery.attempts)
    delivery.save(
        update_fields=[
            "attempts", "last_attempt_at", "response_status", "response_body", "error",
            "claimed_until", "status", "delivered_at", "next_attempt_at", "updated_at",
        ]
    )  # fmt: skip
    return delivery


def deliveries_due(now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    """Open deliveries whose time has come and that no live worker holds: retries that are due,
    and those whose worker died or whose enqueue was lost."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(status__in=OPEN, next_attempt_at__lte=now).exclude(
        claimed_until__gt=now
    )
    return list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
