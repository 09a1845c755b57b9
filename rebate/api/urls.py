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

from . import calc, codes, jobs, pages
from .auth import BearerTokenAuthentication
from .records import record_urls

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
