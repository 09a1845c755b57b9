"""emit(): the one call a service makes when something an ERP may want to know has happened.

The deliveries are written in the caller's transaction (an outbox): they exist exactly when the
change they announce was committed, and a rolled-back change announces nothing. The worker is
asked to send them once that transaction commits (transaction.on_commit), so no request waits
for a receiver; if that enqueue is lost (the process died right after the commit), the periodic
tick (webhooks_tick) finds the pending deliveries and sends them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from rebate.accounts.models import Enterprise

from .choices import DeliveryStatus, Event
from .models import WebhookDelivery, WebhookEndpoint

MAX_ATTEMPTS = 8  # 1 + 7 retries, about 1 h 4 min from first to last with BACKOFF below


def body_of(enterprise: Enterprise, event: str, event_id: str, data: Mapping[str, Any]) -> str:
    """The JSON sent: Decimals as strings (DjangoJSONEncoder), never as floats."""
    document = {
        "id": event_id,
        "event": event,
        "created": timezone.now().isoformat(timespec="seconds"),
        "enterprise": {"customs_code": enterprise.customs_code, "name": enterprise.name},
        "data": dict(data),
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


def enqueue_on_commit(ids: list[int]) -> None:
    from .tasks import deliver

    def enqueue() -> None:
        for pk in ids:
            deliver.enqueue(pk)

    if ids:
        transaction.on_commit(enqueue)


def new_delivery(
    endpoint: WebhookEndpoint, event: str, event_id: str, body: str, dedupe_key: str = ""
) -> WebhookDelivery:
    return WebhookDelivery(
        enterprise_id=endpoint.enterprise_id,
        endpoint=endpoint,
        event=event,
        event_id=event_id,
        body=body,
        dedupe_key=dedupe_key,
        status=DeliveryStatus.PENDING,
        max_attempts=MAX_ATTEMPTS,
        next_attempt_at=timezone.now(),
    )


def emit_to(
    enterprise: Enterprise,
    endpoints: list[WebhookEndpoint],
    event: Event,
    data: Mapping[str, Any],
    *,
    dedupe_key: str = "",
) -> list[WebhookDelivery]:
    """The event for these endpoints: one event id and body, one delivery each."""
    if not endpoints:
        return []
    event_id = str(uuid.uuid4())
    body = body_of(enterprise, event, event_id, data)
    made: list[WebhookDelivery] = []
    for endpoint in endpoints:
        delivery = new_delivery(endpoint, event, event_id, body, dedupe_key)
        try:
            with transaction.atomic():
                delivery.save()
        except IntegrityError:
            continue  # this endpoint already had this periodic event (dedupe_key)
        made.append(delivery)
    enqueue_on_commit([d.pk for d in made])
    return made


def emit(
    enterprise: Enterprise, event: Event, data: Mapping[str, Any], *, dedupe_key: str = ""
) -> list[WebhookDelivery]:
    """One delivery per active endpoint of the enterprise subscribed to the event."""
    endpoints = WebhookEndpoint.objects.for_enterprise(enterprise).filter(active=True)
    chosen = [e for e in endpoints if event in e.events]
    return emit_to(enterprise, chosen, event, data, dedupe_key=dedupe_key)
