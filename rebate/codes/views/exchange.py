"""人民币汇率中间价: list, manual entry and correction (with history), official-quote import,
download from the rate source."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from rebate.accounts.access import request_user
from rebate.codes import selectors, services
from rebate.codes.access import is_reference_admin, require_reference_admin
from rebate.codes.forms import (
    ExchangeRateDownloadForm,
    ExchangeRateFilterForm,
    ExchangeRateForm,
    ExchangeRateImportForm,
)
from rebate.codes.models import ExchangeRate
from rebate.codes.services.exchange import ImportSummary
from rebate.core.records import apply_validation_error

PER_PAGE = 60
VERBS = {"import": "导入", "download": "下载"}


def exchange_rates(request: HttpRequest) -> HttpResponse:
    """The stored rates, filtered by currency and date range; demo rows are labelled."""
    form = ExchangeRateFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.exchange_rates(
        data.get("currency", ""), data.get("date_from"), data.get("date_to")
    )
    page = _page(request, rows)
    context = {
        "title": "人民币汇率中间价",
        "form": form,
        "page": page,
        "can_manage": is_reference_admin(request.user),
        "has_demo": ExchangeRate.objects.filter(source="demo").exists(),
    }
    return render(request, "codes/exchange_rates.html", context)


def _page(request: HttpRequest, rows: QuerySet[ExchangeRate]) -> Page[ExchangeRate]:
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


def exchange_rate_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """新建 or 修改 one rate (per 1 unit); a correction needs a reason and is kept in history."""
    require_reference_admin(request)
    row = get_object_or_404(ExchangeRate, pk=pk) if pk else None
    initial = {"currency": row.currency, "on_date": row.on_date, "rate": row.rate} if row else {}
    form = ExchangeRateForm(request.POST or None, initial=initial, locked=row is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.exchange_rate_set(
                currency=data["currency"], on_date=data["on_date"], rate=data["rate"],
                actor=request_user(request), reason=data["reason"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "保存成功")
            return redirect("codes:exchange_rates")
    context = {"title": "人民币汇率中间价", "form": form, "row": row}
    status = 400 if form.errors else 200
    return render(request, "codes/exchange_rate_form.html", context, status=status)


def exchange_rate_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every entry and correction of one rate."""
    row = get_object_or_404(ExchangeRate, pk=pk)
    context = {"title": "汇率修改记录", "row": row, "changes": row.changes.select_related("actor")}
    return render(request, "codes/exchange_rate_history.html", context)


def _write_page(
    request: HttpRequest,
    form: forms.Form,
    write: Callable[[dict[str, Any]], ImportSummary],
    name: str,
) -> HttpResponse:
    """导入 / 下载: run the write on a valid POST, report its counts, errors next to the field."""
    verb = VERBS[name]
    if request.method == "POST" and form.is_valid():
        try:
            summary = write(form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                f"{verb}完成：新增 {summary.created} 条，修改 {summary.changed} 条，"
                f"未变 {summary.unchanged} 条",
            )
            return redirect("codes:exchange_rates")
    template = f"codes/exchange_rates_{name}.html"
    status = 400 if form.errors else 200
    return render(request, template, {"title": f"{verb}汇率", "form": form}, status=status)


def exchange_rates_import(request: HttpRequest) -> HttpResponse:
    """Import official quotes (CSV/Excel, per 100 units) — all rows or none."""
    require_reference_admin(request)

    def write(data: dict[str, Any]) -> ImportSummary:
        upload = data["upload"]
        try:
            return services.exchange_rates_import(
                content=upload.read(), filename=upload.name, actor=request_user(request)
            )
        except ValidationError as exc:
            raise ValidationError({"upload": exc.messages}) from exc

    form = ExchangeRateImportForm(request.POST or None, request.FILES or None)
    return _write_page(request, form, write, "import")


def exchange_rates_download(request: HttpRequest) -> HttpResponse:
    """下载汇率: the central parities of a date range from the rate source (all or nothing)."""
    require_reference_admin(request)
    latest = ExchangeRate.objects.order_by("-on_date").values_list("on_date", flat=True).first()
    today = date.today()
    initial = {"date_from": latest or today.replace(month=1, day=1), "date_to": today}
    form = ExchangeRateDownloadForm(request.POST or None, initial=initial)
    return _write_page(
        request,
        form,
        lambda data: services.exchange_rates_download(
            date_from=data["date_from"], date_to=data["date_to"], actor=request_user(request)
        ),
        "download",
    )
