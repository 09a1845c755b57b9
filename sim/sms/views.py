"""SMS gateway simulator: POST a message, GET the outbox of a phone."""

from __future__ import annotations

import json
import re

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Message

PHONE = re.compile(r"^\+?[0-9]{6,15}$")


@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def messages(request: HttpRequest) -> JsonResponse:
    if request.method == "GET":
        phone = request.GET.get("phone", "")
        rows = Message.objects.filter(phone=phone)[:50]
        return JsonResponse(
            {
                "messages": [
                    {"id": m.pk, "phone": m.phone, "text": m.text, "sent_at": m.sent_at.isoformat()}
                    for m in rows
                ]
            }
        )
    try:
        body = json.loads(request.body)
        phone, text = str(body["phone"]), str(body["text"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "请求格式错误：需要 phone 和 text"}, status=400)
    if not PHONE.match(phone) or not text or len(text) > 500:
        return JsonResponse({"error": "手机号码或短信内容无效"}, status=400)
    message = Message.objects.create(phone=phone, text=text)
    return JsonResponse({"id": message.pk}, status=201)
