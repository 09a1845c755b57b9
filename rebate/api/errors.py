"""One error body for every refusal: {"code", "message", "fields": {…}}, in Chinese.

``fields`` names the input that is wrong (a field, ``rows[3].fob_usd`` for a bulk row, a
query parameter); ``message`` is what the page would show. Django's own ValidationError and
PermissionDenied (raised by the services and rebate.core.access) arrive here unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from rebate.core.imports import ImportFailed


def form_error(form: Any) -> DjangoValidationError:
    """A bound form's errors as the ValidationError the handler turns into ``fields``."""
    return DjangoValidationError(
        {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    )


def body(request: Any) -> Mapping[str, Any]:
    """The request's JSON object (or form), refused with the one error body otherwise."""
    data = request.data
    if not hasattr(data, "get"):
        raise DjangoValidationError("请求内容应为JSON对象")
    return data  # type: ignore[no-any-return]


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "fields": fields or {}}


def django_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if not hasattr(exc, "error_dict"):
        return {}
    return {
        ("non_field_errors" if name == "__all__" else name): [str(m) for m in errors[0].messages]
        if len(errors) == 1
        else [str(m) for e in errors for m in e.messages]
        for name, errors in exc.error_dict.items()
    }


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            found.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return found
    if isinstance(detail, list) and detail and not all(isinstance(d, str) for d in detail):
        found = {}
        for index, value in enumerate(detail):
            found.update(_flatten(value, f"{prefix}[{index}]"))
        return found
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(m) for m in messages]} if messages else {}


def _first(fields: dict[str, list[str]], fallback: str) -> str:
    for name, messages in fields.items():
        if messages:
            return messages[0] if name == "non_field_errors" else f"{name}：{messages[0]}"
    return fallback


def invalid(message: str, fields: dict[str, list[str]] | None = None) -> Response:
    return Response(error_body("invalid", message, fields), status=status.HTTP_400_BAD_REQUEST)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ImportFailed):
        fields = {
            f"rows[{e.row - 1}].{e.column}" if e.row else e.column: [e.message] for e in exc.errors
        }
        message = "；".join(f"第{e.row}行 {e.column}：{e.message}" for e in exc.errors[:5])
        return invalid(f"数据未保存：{message}", fields)
    if isinstance(exc, DjangoValidationError):
        fields = django_fields(exc)
        return invalid("；".join(str(m) for m in exc.messages) or "输入有误", fields)
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body("too_large", "请求内容过大"), status=413)
    if isinstance(exc, PermissionDenied):
        message = str(exc) or "您无权限操作该数据"
        return Response(error_body("permission_denied", message), status=403)
    if isinstance(exc, Http404):
        return Response(error_body("not_found", "未找到该数据"), status=404)
    response = drf_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.APIException):
        fields = _flatten(exc.detail) if isinstance(exc.detail, (dict, list)) else {}
        code = exc.get_codes()
        code_text = code if isinstance(code, str) else exc.default_code
        message = str(exc.detail) if isinstance(exc.detail, str) else _first(fields, "输入有误")
        if isinstance(exc, exceptions.Throttled):
            wait = getattr(exc, "wait", None) or 1
            message = f"请求过于频繁，请{int(wait + 0.999)}秒后重试"
        response.data = error_body(
            str(code_text), message, fields if isinstance(exc.detail, (dict, list)) else {}
        )
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 404 (config.urls.handler404): under /api/ the one error body, as JSON — a
    path no endpoint matches (e.g. /api/v1/batches/abc) is still answered in the API's terms."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            error_body("not_found", "未找到该接口或数据"),
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return defaults.page_not_found(request, exception or Http404())
