"""HTTP helpers shared by the simulators' views: JSON errors in Chinese, XML bodies."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import IO

from django.http import HttpResponse, JsonResponse

XML_CONTENT_TYPE = "application/xml; charset=utf-8"


class BadRequest(Exception):
    """Bad input from the caller: answered with ``{"error": message}`` and ``status``."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def xml_response(write: Callable[[IO[bytes]], None], status: int = 200) -> HttpResponse:
    buffer = io.BytesIO()
    write(buffer)
    return HttpResponse(buffer.getvalue(), content_type=XML_CONTENT_TYPE, status=status)


def parse_date(text: str | None, name: str) -> date:
    if not text:
        raise BadRequest(f"缺少参数{name}（格式YYYY-MM-DD）")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"参数{name}日期格式错误：{text}（应为YYYY-MM-DD）") from None


def parse_int(text: str | None, name: str, default: int) -> int:
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise BadRequest(f"参数{name}应为整数") from None
