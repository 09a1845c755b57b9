"""The base of every API view: token authentication, the enterprise and role checks of the
pages, per-token throttling, Idempotency-Key on POST and the one error body."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from rebate.accounts.models import Enterprise

from . import idempotency
from .auth import BearerTokenAuthentication, EnterpriseAccess, TokenRateThrottle
from .pagination import Cursor
from .parsers import DecimalJSONParser, body_limit


class ApiMixin:
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [EnterpriseAccess]
    throttle_classes = [TokenRateThrottle]
    parser_classes = [DecimalJSONParser]
    writes = True  # POST/PUT/PATCH/DELETE need a role other than 查看
    enterprise: Enterprise
    _idempotent: Any = None

    def initialize_request(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Request:
        """A JSON body up to the API's own bound (parsers.MAX_BODY: a 10,000-row bulk create
        is several MB) is read here; Django's DATA_UPLOAD_MAX_MEMORY_SIZE still bounds the
        pages' form posts. A multipart body streams to its parser as before."""
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        multipart = (request.content_type or "").startswith("multipart/")
        if length and not multipart and length <= body_limit() and not hasattr(request, "_body"):
            request._body = request.read(length)  # as HttpRequest.body, without its cap
            request._stream = io.BytesIO(request._body)
        return super().initialize_request(request, *args, **kwargs)  # type: ignore[misc, no-any-return]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        self._idempotent = idempotency.begin(request)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, idempotency.Replayed):
            self._idempotent = None
            return exc.response()
        try:
            return super().handle_exception(exc)  # type: ignore[misc, no-any-return]
        except Exception:
            idempotency.finish(self._idempotent, None)
            raise

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["Cache-Control"] = "no-store"  # an enterprise's data, whoever asked
        idempotency.finish(self._idempotent, response)
        self._idempotent = None
        return response  # type: ignore[no-any-return]


class ApiView(ApiMixin, APIView):  # type: ignore[misc]
    pass


class ApiViewSet(ApiMixin, GenericViewSet):  # type: ignore[type-arg, misc]
    pagination_class = Cursor
