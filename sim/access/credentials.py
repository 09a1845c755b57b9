"""Every simulator endpoint authenticates its caller as the real party would.

A client (an enterprise registered at the e-port or the bureau, the product's account at the SMS
gateway) is issued a credential ``<account>:<secret>`` once, at onboarding; it sends it as
``Authorization: Bearer <account>:<secret>`` on every request. The view then acts for that
account only: naming another enterprise is refused (403), a missing or wrong credential is 401.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from .models import Credential

PARTIES = {
    "customs": "中国电子口岸",
    "taxbureau": "税务局",
    "sms": "短信网关",
    "rates": "中国外汇交易中心",
}
View = Callable[..., HttpResponse]


def _digest(secret: str) -> str:
    # Secrets are 256 random bits, so a plain digest is enough (no password stretching).
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(party: str, account: str) -> str:
    """A new credential for the account (any earlier one stops working); shown only now."""
    if party not in PARTIES:
        raise ValueError(f"unknown party {party}")
    secret = secrets.token_urlsafe(32)
    Credential.objects.update_or_create(
        party=party, account=account, defaults={"secret_hash": _digest(secret)}
    )
    return f"{account}:{secret}"


def authenticate(request: HttpRequest, party: str) -> str | None:
    """The account whose credential the request carries, or None."""
    scheme, _, token = str(request.META.get("HTTP_AUTHORIZATION", "")).partition(" ")
    account, _, secret = token.partition(":")
    if scheme != "Bearer" or not account or not secret:
        return None
    row = Credential.objects.filter(party=party, account=account).first()
    if row is None or not hmac.compare_digest(row.secret_hash, _digest(secret)):
        return None
    return account


def refused(party: str) -> JsonResponse:
    response = JsonResponse(
        {"error": f"{PARTIES[party]}拒绝访问：缺少或无效的接入凭证"}, status=401
    )
    response["WWW-Authenticate"] = f'Bearer realm="{party}"'
    return response


def client_of(party: str) -> Callable[[View], View]:
    """The view runs only for an authenticated client, whose account it receives as `client`.

    Authentication comes before any other check (method, parameters), so an unauthenticated
    caller learns nothing about the endpoint."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            account = authenticate(request, party)
            if account is None:
                return refused(party)
            return view(request, account, *args, **kwargs)

        return wrapped

    return decorate
