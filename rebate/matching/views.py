"""单证匹配 pages: thin views over matching.selectors and matching.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rebate.accounts.access import request_user
from rebate.core.access import data_enterprise, require_writer

from . import selectors, services


def _ids(request: HttpRequest, name: str) -> list[int]:
    return [int(v) for v in request.POST.getlist(name) if v.isdigit()]


def session(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    context = {
        "session": selectors.session(enterprise),
        "matches": selectors.matches(enterprise)[:50],
        "limit": selectors.OPEN_LIMIT,
    }
    return render(request, "matching/session.html", context)


@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    enterprise = require_writer(request)
    score = request.POST.get("score", "0")
    try:
        match = services.match_confirm(
            enterprise=enterprise, actor=request_user(request),
            declaration_ids=_ids(request, "declaration"), invoice_ids=_ids(request, "invoice"),
            receipt_ids=_ids(request, "receipt"),
            score=int(score) if score.isdigit() else 0,
        )  # fmt: skip
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("matching:session")
    messages.success(request, f"已确认匹配，回填出口发票号 {match.lines_updated} 条未申报明细")
    return redirect("matching:match_detail", pk=match.pk)


def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = data_enterprise(request)
    match = get_object_or_404(selectors.matches(enterprise), pk=pk)
    context = {"match": match, "rows": selectors.receipt_rows(enterprise, match)}
    return render(request, "matching/match_detail.html", context)


def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = require_writer(request)
    # The row first: another enterprise's match is not found, whatever the method.
    match = get_object_or_404(selectors.matches(enterprise), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.match_cancel(obj=match, enterprise=enterprise, actor=request_user(request))
    messages.success(request, "已撤销匹配，相关单证重新列为未匹配")
    return redirect("matching:session")
