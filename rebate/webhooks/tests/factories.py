"""Test rows of 消息推送; registers both models with the tenant-isolation harness."""

from __future__ import annotations

import itertools

from django.utils import timezone

from rebate.accounts.models import Enterprise
from rebate.core.testing import isolation
from rebate.webhooks import sealing
from rebate.webhooks.choices import Event
from rebate.webhooks.models import WebhookDelivery, WebhookEndpoint

_seq = itertools.count(1)


def make_endpoint(enterprise: Enterprise) -> WebhookEndpoint:
    secret = sealing.new_secret()
    return WebhookEndpoint.objects.create(
        enterprise=enterprise,
        name="ERP",
        url=f"https://erp.example.com/hooks/{next(_seq)}",
        events=[Event.BATCH_APPROVED],
        sealed_secret=sealing.seal(secret),
        secret_hint=secret[-4:],
        secret_rotated_at=timezone.now(),
    )


def make_delivery(enterprise: Enterprise) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        enterprise=enterprise,
        endpoint=make_endpoint(enterprise),
        event=Event.BATCH_APPROVED,
        event_id=f"00000000-0000-0000-0000-{next(_seq):012d}",
        body="{}",
        status="failed",
        attempts=8,
        max_attempts=8,
    )


isolation.register(
    WebhookEndpoint,
    make=make_endpoint,
    urls=[
        "webhooks:endpoint_edit",
        "webhooks:endpoint_rotate",
        "webhooks:endpoint_ping",
        "webhooks:endpoint_delete",
    ],
    list_urls=["webhooks:endpoints"],
)
isolation.register(
    WebhookDelivery,
    make=make_delivery,
    urls=["webhooks:delivery_detail", "webhooks:delivery_resend"],
    list_urls=["webhooks:deliveries"],
)
