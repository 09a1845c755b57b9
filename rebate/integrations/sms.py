"""SmsPort: text messages to a phone (verification codes)."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings

from .credentials import authorization
from .http import make_client, raise_for_party
from .models import Party


class SmsPort(Protocol):
    def send(self, *, phone: str, text: str) -> str:
        """Send a text; returns the gateway's message id."""
        ...


class HttpSmsClient:
    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def send(self, *, phone: str, text: str) -> str:
        body = {"phone": phone, "text": text}
        headers = authorization(Party.SMS)  # the product's own account at the gateway
        with make_client(self.endpoint) as client:
            response = client.post("/api/v1/messages", json=body, headers=headers)
        raise_for_party(response, "短信网关")
        return str(response.json()["id"])


def get_sms_port() -> SmsPort:
    return HttpSmsClient(settings.SMS_ENDPOINT)
