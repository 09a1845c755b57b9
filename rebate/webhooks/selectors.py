"""Reads of 消息推送; the first argument is the enterprise (DESIGN §4 rule 3)."""

from __future__ import annotations

from django.db.models import QuerySet

from rebate.accounts.models import Enterprise

from .models import WebhookDelivery, WebhookEndpoint


def endpoints(enterprise: Enterprise) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.for_enterprise(enterprise).order_by("-created_at", "-id")


def endpoint(enterprise: Enterprise, pk: int) -> WebhookEndpoint | None:
    return endpoints(enterprise).filter(pk=pk).first()


def deliveries(enterprise: Enterprise, endpoint_id: int | None = None) -> QuerySet[WebhookDelivery]:
    rows = WebhookDelivery.objects.for_enterprise(enterprise).select_related("endpoint")
    if endpoint_id is not None:
        rows = rows.filter(endpoint_id=endpoint_id)
    return rows.order_by("-created_at", "-id")


def delivery(enterprise: Enterprise, pk: int) -> WebhookDelivery | None:
    return deliveries(enterprise).filter(pk=pk).first()


def subscribed_enterprise_ids(event: str) -> list[int]:
    """Enterprises with an active endpoint for the event (JSON list membership is read here:
    SQLite has no JSON `contains`), for the scheduled event sources."""
    rows = WebhookEndpoint.objects.filter(active=True).values_list("enterprise_id", "events")
    return sorted({enterprise_id for enterprise_id, events in rows if event in events})
