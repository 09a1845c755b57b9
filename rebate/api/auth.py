"""Who calls the API: a bearer token of one user (Authorization: Bearer <token>), scoped to
that user's enterprise and role exactly as the pages are (rebate.core.access), and throttled
per token."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from rebate.core.access import data_enterprise, require_writer

from .models import ApiToken
from .services import REFUSED, token_authenticate

DEFAULT_RATE = "600/min"


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Authorization 头格式应为：Bearer <令牌>")
        try:
            token = token_authenticate(parts[1].decode("ascii", "replace"))
        except PermissionDenied:
            raise exceptions.AuthenticationFailed(REFUSED) from None
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class EnterpriseAccess(BasePermission):
    """Reads need the enterprise and a bound card (CK-04); writes a role other than 查看.
    A view whose POST changes nothing (a calculation, a challenge) sets ``writes = False``."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not isinstance(request.auth, ApiToken):
            raise exceptions.NotAuthenticated("请在 Authorization 头中提供 API 令牌")
        writes = request.method not in SAFE_METHODS and getattr(view, "writes", True)
        view.enterprise = require_writer(request) if writes else data_enterprise(request)
        return True


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (settings.API_RATE_LIMIT, e.g. "600/min"); over it: 429 and
    Retry-After. Read per request, so a deployment (or a test) can change it."""

    scope = "api_token"

    def get_rate(self) -> str:
        return str(getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE))

    def allow_request(self, request: Any, view: Any) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        token = request.auth
        if not isinstance(token, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


class BearerScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """The security scheme of the OpenAPI document."""

    target_class = "rebate.api.auth.BearerTokenAuthentication"
    name = "BearerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "API令牌"}
