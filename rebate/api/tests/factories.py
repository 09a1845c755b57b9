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


def _extend(model, *, urls=(), list_urls=()) -> None:
    """Add the API's endpoints of another app's model to its declaration (made by that app's
    factories, imported first so the declaration exists)."""
    declared = isolation.DECLARED[model]
    declared.urls += [u for u in urls if u not in declared.urls]
    declared.list_urls += [u for u in list_urls if u not in declared.list_urls]


def _declare_api_endpoints() -> None:
    import rebate.customs.tests.factories
    import rebate.declarations.tests.factories
    import rebate.overseas.tests.factories
    import rebate.webhooks.tests.factories  # noqa: F401 — and the lifecycle's, 消息推送's
    from rebate.core.records import REGISTRY
    from rebate.customs.models import Declaration
    from rebate.declarations.models import DeclarationBatch, Doubt, ReviewRecord
    from rebate.goods.models import ExportLine
    from rebate.webhooks.models import WebhookDelivery, WebhookEndpoint

    actions = ("sign", "self-check", "upload", "confirm", "revoke")
    _extend(
        DeclarationBatch,
        urls=["api:v1:batch-detail", *(f"api:v1:batch-{a}" for a in actions)],
        list_urls=["api:v1:batch-list", "api:v1:query?family=mdt"],
    )
    _extend(Doubt, list_urls=["api:v1:doubt-list?family=mdt"])
    _extend(ReviewRecord, list_urls=["api:v1:review-list?family=mdt"])
    _extend(
        Declaration,
        urls=["api:v1:declaration-detail"],
        list_urls=["api:v1:declaration-list"],
    )
    endpoint = ("detail", "rotate", "ping", "deliveries")
    _extend(
        WebhookEndpoint,
        urls=[f"api:v1:webhook-endpoint-{a}" for a in endpoint],
        list_urls=["api:v1:webhook-endpoint-list"],
    )
    _extend(WebhookDelivery, urls=["api:v1:webhook-delivery-resend"])
    _extend(  # the harness's declared line is pre-refunded (rebate.overseas.tests.factories)
        ExportLine,
        urls=["api:v1:overseas-line-detail", "api:v1:overseas-line-reconcile"],
        list_urls=["api:v1:overseas-line-list"],
    )
    shared = "reference data or a calculation: no enterprise's rows"
    for name in ("calc-period", "calc-fob", "calc-writeoff", "rate-lookup", "code-tables",
                 "code-table", "exchange-rates", "families"):  # fmt: skip
        isolation.exempt_url(f"api:v1:{name}", shared)
    mine = "writes into the caller's own enterprise only (rebate.core.access), reads no rows"
    for name in ("card-challenge", "customs-download", "family-consistency-check",
                 "family-summary", "family-generate", "family-self-check-status",
                 "family-feedback/read", "family-feedback/download"):  # fmt: skip
        isolation.exempt_url(f"api:v1:{name}", mine)
    for record in REGISTRY:
        isolation.exempt_url(record.api_url_name("bulk"), mine)
    ticked = "ids in the body, looked up in the caller's enterprise only (test_customs_actions)"
    for name in ("declaration-check", "declaration-generate"):
        isolation.exempt_url(f"api:v1:{name}", ticked)


_declare_api_endpoints()
isolation.register_api_client(bearer_client)
isolation.register(ApiToken, make=make_token, urls=["api:token_revoke"])
isolation.register(IdempotentRequest, make=make_idempotent)
isolation.register(CardChallenge, make=make_challenge)
