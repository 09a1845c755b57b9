"""Idempotency-Key on POST: the first answer is kept and every repeat gets it back.

A repeat of 生成申报数据 or 信息下载 with the same key returns the first job, never a second
batch. The key is the caller's (per token); the same key with another request body is refused,
and a repeat arriving while the first is still running is told to wait (409), so two racing
retries cannot both run. A 5xx (an unexpected failure) is not kept: the caller may retry.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from .models import ApiToken, IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY = 200


class Replayed(Exception):
    def __init__(self, found: IdempotentRequest) -> None:
        super().__init__("replayed")
        self.found = found

    def response(self) -> Response:
        return Response(
            self.found.body, status=self.found.status_code, headers={"Idempotent-Replayed": "true"}
        )


class KeyConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_conflict"


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"


class BadKey(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"


def _fingerprint(request: Request) -> str:
    data = request.data
    if hasattr(data, "lists"):  # a form or multipart body: its values and its files' contents
        parts: dict[str, Any] = dict(data.lists())
        for name, upload in request.FILES.items():
            content = hashlib.sha256()
            for chunk in upload.chunks():
                content.update(chunk)
            upload.seek(0)
            parts[name] = [upload.name, content.hexdigest()]
        data = parts
    text = json.dumps([request.method, request.path, data], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def begin(request: Request) -> IdempotentRequest | None:
    """The pending record of this POST, or None without a key; raises Replayed for a repeat."""
    key = request.headers.get(HEADER, "").strip()
    token = request.auth
    if request.method != "POST" or not key or not isinstance(token, ApiToken):
        return None
    if len(key) > MAX_KEY:
        raise BadKey(f"{HEADER} 不能超过{MAX_KEY}个字符")
    fingerprint = _fingerprint(request)
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(
                enterprise_id=token.enterprise_id, token=token, key=key, fingerprint=fingerprint
            )
    except IntegrityError:
        found = IdempotentRequest.objects.get(token=token, key=key)
    if found.fingerprint != fingerprint:
        raise KeyReused(f"该{HEADER}已用于另一请求，请为新的请求使用新的{HEADER}")
    if found.status_code is None:
        raise KeyConflict(f"相同{HEADER}的请求正在处理，请稍后重试")
    raise Replayed(found)


def storable(value: Any) -> Any:
    """The answer with every NUL character as U+FFFD: PostgreSQL's jsonb holds no \\u0000, and a
    400 may echo a key the caller sent with one (schemathesis' bulk rows did: the answer was
    lost to a 500). The replay then shows U+FFFD where the first answer had the NUL."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [storable(v) for v in value]
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    return value


def finish(record: IdempotentRequest | None, response: Response | None) -> None:
    if record is None:
        return
    if response is None or response.status_code >= 500:
        IdempotentRequest.objects.filter(pk=record.pk).delete()
        return
    record.status_code = response.status_code
    record.body = storable(json.loads(json.dumps(response.data, default=str)))
    record.save(update_fields=["status_code", "body", "updated_at"])
