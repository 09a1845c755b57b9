"""SMS gateway simulator: the product's account POSTs messages; a simulated phone shows them.

There is no outbox API: like a real text, a message is read on the phone it was sent to, which
shows its messages only once unlocked with its PIN (registered by ``sim_phone``).
"""

from __future__ import annotations

import json
import re

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from sim.access.credentials import client_of

from . import phone as handsets
from .models import Message

PHONE = re.compile(r"^\+?[0-9]{6,15}$")


@csrf_exempt
@login_not_required
@client_of("sms")
@require_POST
def messages(request: HttpRequest, client: str) -> JsonResponse:
    try:
        body = json.loads(request.body)
        phone, text = str(body["phone"]), str(body["text"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "请求格式错误：需要 phone 和 text"}, status=400)
    if not PHONE.match(phone) or not text or len(text) > 500:
        return JsonResponse({"error": "手机号码或短信内容无效"}, status=400)
    message = Message.objects.create(phone=phone, text=text)
    return JsonResponse({"id": message.pk}, status=201)


@login_not_required
@require_http_methods(["GET", "POST"])
def phone(request: HttpRequest) -> HttpResponse:
    """模拟手机: the number and its PIN unlock the phone's messages for this one answer."""
    context: dict[str, object] = {"number": ""}
    status = 200
    if request.method == "POST":
        number = request.POST.get("number", "").strip()
        context["number"] = number
        try:
            shown = handsets.unlock(number, request.POST.get("pin", ""))
        except handsets.Locked:
            shown, context["error"] = None, "解锁失败次数过多，该手机已锁定"
        if shown is None:
            context.setdefault("error", "手机号码或解锁密码错误")
            status = 403
        else:
            context.update(unlocked=True, sms=shown)
    return render(request, "sim_sms/phone.html", context, status=status)


# A sign-in form, not data: the enumeration test (tests/deployment) expects its GET to answer.
phone.sim_sign_in_page = True  # type: ignore[attr-defined]
