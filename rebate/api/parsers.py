"""JSON bodies with every number kept as Decimal (DESIGN §4 rule 6: never float), and
bounded before they are read."""

from __future__ import annotations

import codecs
import json
from decimal import Decimal
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

MAX_BODY = 64 * 1024 * 1024


class TooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def body_limit() -> int:
    return int(getattr(settings, "API_MAX_BODY_BYTES", MAX_BODY))


class DecimalJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        context = parser_context or {}
        request = context.get("request")
        length = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        limit = body_limit()
        if length > limit:
            raise TooLarge(f"请求内容过大（超过{limit}字节）")
        encoding = context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read(limit + 1)
            if len(text) > limit:
                raise TooLarge(f"请求内容过大（超过{limit}字节）")
            return json.loads(text, parse_float=Decimal)
        except ValueError as exc:
            raise ParseError(f"JSON格式错误：{exc}") from None
