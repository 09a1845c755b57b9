"""退税到账跟踪 pages: every 免抵退 batch of the enterprise, and one batch with its receipts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from rebate.accounts.access import request_user
from rebate.core.access import data_enterprise, require_writer

from . import selectors, services
from .forms import ReceivedForm, StatementForm
from .statement import StatementRefused

TITLE = "退税到账跟踪"
HINT = (
    "应退税额为本企业汇总表第18栏，核准数取税局审核结果（含审核调整及原因），"
    "到账数为录入或导入的银行流水。"
)


def _choices(batches: list[Any]) -> list[tuple[int, str]]:
    return [(b.pk, f"{b.period} 第{b.batch_no}批（{b.number}）") for b in batches]


def _post(request: HttpRequest, batches: list[Any]) -> tuple[Any, Any, bool]:
    """(received form, statement form, saved) after a POST of either form."""
    require_writer(request)
    enterprise, actor = data_enterprise(request), request_user(request)
    choices = _choices(batches)
    by_pk = {b.pk: b for b in batches}
    if "file" in request.FILES or request.POST.get("action") == "statement":
        statement = StatementForm(request.POST, request.FILES, batches=choices)
        if statement.is_valid():
            batch = by_pk[statement.cleaned_data["batch"]]
            try:
                rows = services.import_statement(
                    enterprise=enterprise,
                    actor=actor,
                    batch=batch,
                    upload=statement.cleaned_data["file"],
                )
            except StatementRefused as exc:
                for error in exc.errors:
                    statement.add_error(
                        None, error
                    )  # row errors read as a list, not squeezed beside the field
            else:
                messages.success(request, f"已导入银行流水{len(rows)}行（{batch.number}）")
                return ReceivedForm(batches=choices), statement, True
        return ReceivedForm(batches=choices), statement, False
    received = ReceivedForm(request.POST, batches=choices)
    if received.is_valid():
        data = received.cleaned_data
        services.record_received(
            enterprise=enterprise,
            actor=actor,
            batch=by_pk[data["batch"]],
            received_on=data["received_on"],
            amount=data["amount"],
            summary=data["summary"],
        )
        messages.success(request, "已登记退税到账")
        return received, StatementForm(batches=choices), True
    return received, StatementForm(batches=choices), False


@require_http_methods(["GET", "POST"])
def tracking(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    rows = selectors.tracking(enterprise)
    batches = [r.batch for r in rows]
    received, statement = ReceivedForm(batches=_choices(batches)), None
    status = 200
    if request.method == "POST":
        received, statement, saved = _post(request, batches)
        if saved:
            return redirect("refunds:tracking")
        status = 400
    context = {
        "title": TITLE,
        "hint": HINT,
        "rows": rows,
        "totals": selectors.totals(rows),
        "received_form": received,
        "statement_form": statement or StatementForm(batches=_choices(batches)),
    }
    return render(request, "refunds/tracking.html", context, status=status)


@require_http_methods(["GET", "POST"])
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = data_enterprise(request)
    found = selectors.batch_of(enterprise, pk)
    received, statement = ReceivedForm(batches=_choices([found])), None
    status = 200
    if request.method == "POST":
        received, statement, saved = _post(request, [found])
        if saved:
            return redirect("refunds:batch", pk=found.pk)
        status = 400
    context = {
        "title": f"{TITLE} {found.number}",
        "hint": HINT,
        "row": selectors.batch_tracking(enterprise, found),
        "received_form": received,
        "statement_form": statement or StatementForm(batches=_choices([found])),
    }
    return render(request, "refunds/batch.html", context, status=status)
