"""The worker's side: one task per delivery attempt, and the periodic tick."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .choices import DeliveryStatus
from .services import deliveries_due, delivery_attempt

log = logging.getLogger(__name__)


@task()
def deliver(delivery_id: int) -> None:
    delivery = delivery_attempt(delivery_id)
    if delivery is None or delivery.status != DeliveryStatus.RETRYING:
        return
    assert delivery.next_attempt_at is not None
    if deliver.get_backend().supports_defer:
        deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery_id)
    # Without deferred tasks (the Immediate backend of the unit tests) the tick sends it when due.


def tick(now: datetime.datetime | None = None) -> dict[str, int]:
    """Send what is due (retries, deliveries of a dead worker or of a lost enqueue), then let
    every scheduled event source (WEBHOOKS_SCHEDULED_EVENTS) emit what today brings."""
    now = now or timezone.now()
    due = deliveries_due(now)
    for pk in due:
        deliver.enqueue(pk)
    emitted = 0
    for path in getattr(settings, "WEBHOOKS_SCHEDULED_EVENTS", []):
        emitted += import_string(path)(timezone.localdate(now))
    return {"resumed": len(due), "emitted": emitted}


@task()
def tick_task() -> None:
    """The tick run by a worker; it books its own next run (WEBHOOKS_TICK_SECONDS later)."""
    try:
        tick()
    finally:
        if tick_task.get_backend().supports_defer:
            later = timezone.now() + datetime.timedelta(seconds=settings.WEBHOOKS_TICK_SECONDS)
            tick_task.using(run_after=later).enqueue()
