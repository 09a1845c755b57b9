"""The pages of the API: API令牌 (create: shown once; revoke) and the documentation.

The token page is the integration settings area: settings.API_SETTINGS_TABS lists its tabs
(label, URL name), so another integration page (webhooks) joins it by one settings entry.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from rebate.accounts.access import request_user
from rebate.core.access import data_enterprise
from rebate.core.records import apply_validation_error

from . import selectors, services
from .forms import TokenForm


def settings_tabs(current: str) -> list[dict[str, Any]]:
    return [
        {"label": label, "url": reverse(name), "active": name == current}
        for label, name in getattr(settings, "API_SETTINGS_TABS", [("API令牌", "api:tokens")])
    ]


def tokens(request: HttpRequest) -> HttpResponse:
    data_enterprise(request)  # CK-04: a bound card, as for every data page
    user = request_user(request)
    form = TokenForm(request.POST or None)
    shown = ""
    if request.method == "POST" and form.is_valid():
        try:
            token, shown = services.token_create(
                user=user, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
            messages.success(
                request, f"已创建令牌“{token.name}”，请立即复制保存，离开本页后不再显示"
            )
            form = TokenForm()
        except ValidationError as exc:
            apply_validation_error(form, exc)
    return render(
        request,
        "api/tokens.html",
        {
            "title": "API令牌",
            "tabs": settings_tabs("api:tokens"),
            "form": form,
            "new_token": shown,
            "tokens": selectors.user_tokens(user),
            "read_only": user.role == "viewer",
        },
        status=400 if form.errors else 200,
    )


def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    token = get_object_or_404(selectors.user_tokens(user), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.token_revoke(token=token, actor=user)
    messages.success(request, f"令牌“{token.name}”已撤销")
    return redirect("api:tokens")


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    return render(
        request, "api/docs.html", {"title": "API文档", "schema_url": reverse("api:schema")}
    )
