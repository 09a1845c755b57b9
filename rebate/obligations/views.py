"""期限看板: a thin view over obligations.selectors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rebate.core.access import data_enterprise

from . import selectors


def board(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    kind = request.GET.get("kind", "")
    if kind not in selectors.KINDS:
        kind = ""
    today = timezone.localdate()
    result = selectors.board(enterprise, today, kind)
    overdue = sum(1 for o in result.obligations if o.overdue)
    warn = sum(1 for o in result.obligations if o.warn)
    context = {
        "board": result,
        "kinds": selectors.KINDS,
        "kind": kind,
        "overdue": overdue,
        "warn": warn,
        "warn_days": selectors.WARN_DAYS,
        "line_limit": selectors.LINE_LIMIT,
    }
    return render(request, "obligations/board.html", context)
