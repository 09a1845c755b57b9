"""期限看板: a thin view over obligations.selectors."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rebate.core.access import data_enterprise

from . import selectors

# A page of the board: its 600 line rows and their links took ~0.5 s to render at once (the
# 期限看板 of a 50,000-line enterprise was the slowest page of the many-enterprise load bench).
PER_PAGE = 100


def board(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    kind = request.GET.get("kind", "")
    if kind not in selectors.KINDS:
        kind = ""
    today = timezone.localdate()
    result = selectors.board(enterprise, today, kind)
    overdue = sum(1 for o in result.obligations if o.overdue)
    warn = sum(1 for o in result.obligations if o.warn)
    page = Paginator(result.obligations, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "board": result,
        "page": page,
        "kinds": selectors.KINDS,
        "kind": kind,
        "overdue": overdue,
        "warn": warn,
        "warn_days": selectors.WARN_DAYS,
        "line_limit": selectors.LINE_LIMIT,
    }
    return render(request, "obligations/board.html", context)
