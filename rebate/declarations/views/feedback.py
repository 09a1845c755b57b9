"""反馈读入 (TS-28) and 退税审核结果下载 (TS-29)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from rebate.accounts.access import request_user
from rebate.core.access import data_enterprise, require_writer

from .. import selectors, services
from ..forms import FeedbackUploadForm, period_form_class
from .common import fail, family_of

MAX_FEEDBACK_BYTES = 64 * 1024 * 1024


def _report(request: HttpRequest, record: object, new: bool) -> None:
    if not new:
        messages.info(request, "该反馈已读入过，本次未做任何更改")
    else:
        changed = getattr(record, "changed_count", 0)
        messages.success(
            request, f"反馈读入成功：{getattr(record, 'record_count', 0)}条记录，更新{changed}条"
        )


def feedback_upload(request: HttpRequest, family: str) -> HttpResponse:
    enterprise, fam = data_enterprise(request), family_of(family)
    form = FeedbackUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_FEEDBACK_BYTES:
                raise ValidationError("反馈文件过大")
            record, new = services.feedback_read(
                enterprise=require_writer(request),
                actor=request_user(request),
                data=upload.read(),
                filename=upload.name,
            )
            _report(request, record, new)
            return redirect(request.path)
        except ValidationError as exc:
            fail(request, exc)
    return render(
        request,
        "declarations/feedback_upload.html",
        {
            "title": "反馈读入",
            "family": fam,
            "form": form,
            "files": selectors.feedback_files(enterprise)[:50],
        },
    )


def feedback_download(request: HttpRequest, family: str) -> HttpResponse:
    enterprise, fam = data_enterprise(request), family_of(family)
    posted = request.POST if request.method == "POST" else None  # bound without fields too
    form = period_form_class(fam)(posted)  # 所属期, 申报年 or none
    if request.method == "POST" and form.is_valid():
        try:
            record, new = services.feedback_download(
                enterprise=require_writer(request),
                actor=request_user(request),
                family=fam.key,
                period=form.cleaned_data.get("period", ""),
            )
            _report(request, record, new)
            return redirect(request.path)
        except ValidationError as exc:
            fail(request, exc)
    return render(
        request,
        "declarations/feedback_download.html",
        {
            "title": fam.title("feedback_download"),
            "family": fam,
            "period_label": fam.period_label,
            "form": form,
            "reviews": selectors.reviews(enterprise, fam.key)[:100],
            "several": len(fam.businesses) > 1,  # which business a result is of
        },
    )
