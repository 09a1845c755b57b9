"""HTTP clients for outside parties.

Every party is reached over HTTP at its configured base URL (CUSTOMS_ENDPOINT etc.), with the
credential it issued to the caller (rebate.integrations.credentials). Under `make run` that is the
simulators' own server on 127.0.0.1; in production the real e-port, bureau and SMS gateway.
Tests route the same clients to the simulators in-process by installing an httpx transport with
``route_through`` (conftest.py does, for every test); product code never does.
"""

from __future__ import annotations

import httpx
from django.core.exceptions import ImproperlyConfigured

_transport: httpx.BaseTransport | None = None


def route_through(transport: httpx.BaseTransport | None) -> None:
    """Send every client's requests through `transport` (tests); None restores the network."""
    global _transport
    _transport = transport


def make_client(endpoint: str, *, timeout: float = 30.0) -> httpx.Client:
    if not endpoint:
        raise ImproperlyConfigured(
            "外部机构接口地址未配置（CUSTOMS_ENDPOINT / TAXBUREAU_ENDPOINT / SMS_ENDPOINT /"
            " RATES_ENDPOINT）"
        )
    return httpx.Client(base_url=endpoint.rstrip("/"), transport=_transport, timeout=timeout)


class PartyError(Exception):
    """An outside party answered with an error; the message is shown to the user."""

    def __init__(self, message: str, *, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


def raise_for_party(response: httpx.Response, party: str) -> None:
    if response.is_success:
        return
    try:
        detail = response.json().get("error", response.text)
    except ValueError:
        detail = response.text
    raise PartyError(
        f"{party}返回错误（{response.status_code}）：{detail}", status=response.status_code
    )
