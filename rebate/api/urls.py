"""/api/: the v1 endpoints, the OpenAPI schema, the documentation and the token page.

The endpoints authenticate by token (rebate.api.auth), not by the session, so the login
middleware lets them through and they answer 401 themselves; the schema accepts either.
Another integration app adds endpoints under /api/v1/ through settings.API_EXTRA_URLCONFS
(dotted URLconf modules), authenticating with rebate.api.base.ApiView like these.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated

from . import batches, calc, card, codes, customs, jobs, lifecycle, pages
from .auth import BearerTokenAuthentication
from .overseas import overseas_urls
from .records import record_urls
from .webhooks import webhook_urls

app_name = "api"


def token_only(patterns: list[Any]) -> list[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            token_only(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = login_not_required(pattern.callback)
    return patterns


v1: list[Any] = [
    *record_urls(),
    path("jobs", jobs.JobViewSet.as_view({"get": "list"}), name="job-list"),
    path("jobs/<int:pk>", jobs.JobViewSet.as_view({"get": "retrieve"}), name="job-detail"),
    *(path(route, view, name=name) for route, view, name in calc.urlpatterns_calc),
    path("codes/rates/<str:code>", codes.RateLookupView.as_view(), name="rate-lookup"),
    path("codes/tables", codes.TablesView.as_view(), name="code-tables"),
    path(
        "codes/tables/<slug:table>",
        codes.TableCodesViewSet.as_view({"get": "list"}),
        name="code-table",
    ),
    path(
        "codes/exchange-rates",
        codes.ExchangeRateViewSet.as_view({"get": "list"}),
        name="exchange-rates",
    ),
    path("card/challenge", card.ChallengeView.as_view(), name="card-challenge"),
    path(
        "customs/declarations",
        customs.DeclarationViewSet.as_view({"get": "list"}),
        name="declaration-list",
    ),
    path(
        "customs/declarations/<int:pk>",
        customs.DeclarationViewSet.as_view({"get": "retrieve"}),
        name="declaration-detail",
    ),
    path("customs/download", customs.DownloadView.as_view(), name="customs-download"),
    path("customs/declarations/check", customs.CheckView.as_view(), name="declaration-check"),
    path(
        "customs/declarations/generate",
        customs.GenerateView.as_view(),
        name="declaration-generate",
    ),
    *webhook_urls(),
    *overseas_urls(),
    path("families", batches.FamiliesView.as_view(), name="families"),
    path("batches", batches.BatchViewSet.as_view({"get": "list"}), name="batch-list"),
    path(
        "batches/<int:pk>", batches.BatchViewSet.as_view({"get": "retrieve"}), name="batch-detail"
    ),
    *(
        path(f"batches/<int:pk>/{route}", view.as_view(), name=f"batch-{route}")
        for route, view in (
            ("sign", lifecycle.SignView),
            ("self-check", lifecycle.SelfCheckView),
            ("upload", lifecycle.UploadView),
            ("confirm", lifecycle.ConfirmView),
            ("revoke", lifecycle.RevokeView),
        )
    ),
    path("doubts", batches.DoubtViewSet.as_view({"get": "list"}), name="doubt-list"),
    path("reviews", batches.ReviewViewSet.as_view({"get": "list"}), name="review-list"),
    path("query", batches.QueryView.as_view(), name="query"),
    *(
        path(f"families/<slug:family>/{route}", view.as_view(), name=f"family-{route}")
        for route, view in (
            ("consistency-check", lifecycle.ConsistencyView),
            ("summary", lifecycle.SummaryView),
            ("generate", lifecycle.GenerateView),
            ("self-check-status", lifecycle.RefreshView),
            ("feedback/read", lifecycle.FeedbackReadView),
            ("feedback/download", lifecycle.FeedbackDownloadView),
        )
    ),
    *(path("", include(module)) for module in getattr(settings, "API_EXTRA_URLCONFS", ())),
]

schema = SpectacularAPIView.as_view(
    authentication_classes=[BearerTokenAuthentication, SessionAuthentication],
    permission_classes=[IsAuthenticated],
)

urlpatterns = [
    path("v1/", include((token_only(v1), "v1"))),
    *token_only([path("schema/", schema, name="schema")]),
    path("docs/", pages.docs, name="docs"),
    path("tokens/", pages.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", pages.token_revoke, name="token_revoke"),
]
