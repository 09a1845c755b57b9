"""The family's own pages: 加贸反馈 (反馈读入 JL-02, 进料审核结果下载 JL-03) and 生成核销表 (JL-04).
生成 / 远程申报 / 打印 / 反馈读入 / 数据查询 are the engine's pages (urls.family_pages)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from rebate.accounts.access import request_user
from rebate.core.access import data_enterprise, require_writer
from rebate.core.forms import ConventionForm
from rebate.core.models import period_validator, year_validator

from . import KEY, services
from .models import FeedbackManual

MAX_BYTES = 64 * 1024 * 1024


class TradeFeedbackFileForm(ConventionForm):
    file = forms.FileField(label="反馈文件", help_text="税务机关提供的加贸反馈文件（XML）")


class YearForm(ConventionForm):
    year = forms.CharField(
        label="申报年", max_length=4, validators=[year_validator], help_text="格式YYYY，如2026"
    )


class PrefillForm(YearForm):
    period = forms.CharField(
        label="所属期", max_length=6, validators=[period_validator], help_text="核销申报的所属期"
    )


def _fail(request: HttpRequest, form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _page(request: HttpRequest, template: str, title: str, form: forms.Form) -> HttpResponse:
    enterprise = data_enterprise(request)
    manuals = FeedbackManual.objects.filter(enterprise=enterprise)[:200]
    return render(request, template, {"title": title, "form": form, "manuals": manuals})


def jmfeedback_upload(request: HttpRequest) -> HttpResponse:
    form = TradeFeedbackFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_BYTES:
                raise ValidationError({"file": "反馈文件过大"})
            count = services.trade_feedback_read(
                enterprise=require_writer(request), actor=request_user(request),
                data=upload.read(), filename=upload.name,
            )  # fmt: skip
            messages.success(request, f"加贸反馈读入成功：{count}本手（账）册")
            return redirect(request.path)
        except ValidationError as exc:
            _fail(request, form, exc)
    return _page(request, "processing/feedback_upload.html", "加贸反馈 · 反馈读入", form)


def jmfeedback_download(request: HttpRequest) -> HttpResponse:
    initial = {"year": str(timezone.localdate().year)}
    form = YearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.trade_feedback_download(
                enterprise=require_writer(request), actor=request_user(request),
                year=form.cleaned_data["year"],
            )  # fmt: skip
            messages.success(request, f"进料审核结果下载成功：{count}本手（账）册")
            return redirect(request.path)
        except ValidationError as exc:
            _fail(request, form, exc)
    return _page(request, "processing/feedback_download.html", "进料审核结果下载", form)


def writeoff_prefill(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    initial = {"year": str(today.year - 1), "period": f"{today.year}{today.month:02d}"}
    form = PrefillForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.writeoffs_prefill(
                enterprise=require_writer(request), actor=request_user(request),
                period=form.cleaned_data["period"], year=form.cleaned_data["year"],
            )  # fmt: skip
            messages.success(request, f"已生成核销表：{len(made)}本手（账）册")
            return redirect(reverse(f"{KEY}:writeoff_list"))
        except ValidationError as exc:
            _fail(request, form, exc)
    return _page(request, "processing/writeoff_prefill.html", "生成核销表", form)
