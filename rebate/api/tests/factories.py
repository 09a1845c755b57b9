"""API test helpers and the API's rows in the isolation harness."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from rebate.api import services
from rebate.api.models import ApiToken, CardChallenge, IdempotentRequest
from rebate.core.testing import isolation


def token_for(user, name: str = "测试令牌") -> str:
    _, raw = services.token_create(user=user, name=f"{name}{ApiToken.objects.count()}")
    return raw


def bearer_client(user, raw: str = "") -> Client:
    """A test client sending ``Authorization: Bearer`` with a new token of ``user``."""
    return Client(headers={"Authorization": f"Bearer {raw or token_for(user)}"})


def _owner(enterprise):
    from rebate.accounts.tests.factories import make_user

    return make_user(enterprise)


def make_token(enterprise) -> ApiToken:
    token, _ = services.token_create(user=_owner(enterprise), name="隔离测试")
    return token


def make_idempotent(enterprise) -> IdempotentRequest:
    token = make_token(enterprise)
    return IdempotentRequest.objects.create(
        enterprise=enterprise, token=token, key="k", fingerprint="f", status_code=200, body={}
    )


def make_challenge(enterprise) -> CardChallenge:
    token = make_token(enterprise)
    return CardChallenge.objects.create(
        enterprise=enterprise, token=token, text=f"t{token.pk}",
        expires_at=timezone.now() + datetime.timedelta(minutes=1),
    )  # fmt: skip


isolation.register_api_client(bearer_client)
isolation.register(ApiToken, make=make_token, urls=["api:token_revoke"])
isolation.register(IdempotentRequest, make=make_idempotent)
isolation.register(CardChallenge, make=make_challenge)
