"""生成退税申报数据 (TS-18…25): one page, the buttons top right in the manual's order."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from rebate.accounts.access import request_user
from rebate.accounts.models import Enterprise
from rebate.core.access import data_enterprise, require_writer
from rebate.core.models import Job
from rebate.core.paging import ResultList, result_list

from .. import jobs, selectors, services
from ..choices import DoubtLevel
from ..families import Family, Step
from ..forms import package_form_class, period_form_class
from ..gates import gate_notices
from .common import (
    card_refused,
    default_period,
    fail,
    family_of,
    family_url,
    signing_card_no,
)


def _page_url(family: Family, period: str, **extra: Any) -> str:
    return family_url(family, "generate", period=period, **extra)


def _batches(enterprise: Enterprise, family: Family) -> Any:
    return (
        selectors.batches(enterprise, family.key)
        .annotate(
            doubt_count=Count("doubts"),
            blocking_count=Count("doubts", filter=Q(doubts__skippable=False)),
        )
        .select_related("generated_by")
        .order_by("-period", "-id")  # GROUP BY queries ignore Meta.ordering
    )


def _results(request: HttpRequest, rows: Any, prefix: str, anchor: str) -> ResultList:
    """Every 数据一致性检查 problem or 疑点, paged, with its counts per code and level."""
    labels = dict(DoubtLevel.choices)
    return result_list(rows, request.GET, prefix, level_labels=labels, anchor=anchor)


@require_GET
def generate_page(request: HttpRequest, family: str) -> HttpResponse:
    enterprise = data_enterprise(request)
    fam = family_of(family)
    period_form = period_form_class(fam)
    form = period_form(request.GET or None)
    found = form.cleaned_data.get("period") if form.is_valid() else None
    period = found or default_period(enterprise, fam)
    business = selectors.open_business(enterprise, fam, period)  # the dialog opens on it
    live = selectors.shown_batch(enterprise, fam.key, period)
    step = fam.summary if fam.has(Step.SUMMARY) else None
    check = selectors.latest_check(enterprise, fam.key, period)
    job = Job.objects.for_enterprise(enterprise).filter(pk=request.GET.get("job") or 0).first()
    doubt_rows = selectors.doubts(enterprise, fam.key, live.pk if live else None)
    context = {
        "title": fam.title("generate"),
        "confirm_label": fam.title("confirm"),
        "labels": {page: fam.title(page) for page in ("self_check", "refresh", "doubts")},
        "family": fam,
        "period": period,
        "period_label": fam.period_label,
        "period_form": period_form(initial={"period": period}) if period else None,
        "check_form": period_form(initial={"period": period}, auto_id="check_%s"),
        "package_form": package_form_class(fam)(
            initial={"period": period, "business": business},
            auto_id="package_%s",
        ),
        "summary_form": step.form_class(
            auto_id="summary_%s", initial={"period": period, **step.initial(enterprise, period)}
        )
        if step
        else None,
        "summary_section": step.section(enterprise, period, live, draft=True) if step else None,
        "check": check,
        "issues": _results(request, check.issues.all(), "i", "") if check else None,
        "batches": _batches(enterprise, fam),
        "live": live,
        "job": job,
        "doubts": _results(request, doubt_rows, "d", "#show-doubts"),
        "steps": {step.value: fam.has(step) for step in Step},
        "gate_notices": gate_notices(enterprise, fam, period or "", timezone.localdate()),
    }
    return render(request, "declarations/generate.html", context)


def _posted(request: HttpRequest, fam: Family, kind: str) -> dict[str, str]:
    """The dialog's period (by the family's kind) and, for 生成申报数据, the chosen business."""
    form_class = package_form_class(fam) if kind == jobs.GENERATE else period_form_class(fam)
    form = form_class(request.POST)
    if not form.is_valid():
        raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
    return {name: str(value) for name, value in form.cleaned_data.items()}


def _start_job(request: HttpRequest, fam: Family, kind: str) -> HttpResponse:
    enterprise = require_writer(request)
    try:
        posted = _posted(request, fam, kind)
        card_no = signing_card_no(request) if kind == jobs.GENERATE else ""
    except ValidationError as exc:
        fail(request, exc)
        return redirect(_page_url(fam, request.POST.get("period", "")))
    except PermissionDenied as exc:
        card_refused(request, exc)
        return redirect(_page_url(fam, posted.get("period", "")))
    job = jobs.dialog_job_start(
        enterprise=enterprise, actor=request_user(request), family=fam.key, kind=kind,
        posted=posted, card_no=card_no,
    )  # fmt: skip
    return redirect(_page_url(fam, job.params["period"], job=job.pk))


@require_POST
def consistency(request: HttpRequest, family: str) -> HttpResponse:
    return _start_job(request, family_of(family), jobs.CONSISTENCY)


@require_POST
def package(request: HttpRequest, family: str) -> HttpResponse:
    return _start_job(request, family_of(family), jobs.GENERATE)


@require_POST
def summary(request: HttpRequest, family: str) -> HttpResponse:
    """生成汇总数据: the family's dialog and its summary step (SummaryStep.generate)."""
    enterprise, fam = require_writer(request), family_of(family)
    step = fam.summary if fam.has(Step.SUMMARY) else None
    if step is None:
        raise Http404(f"{fam.label}没有“生成汇总数据”功能")
    form = step.form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(str(e) for e in errors))
        return redirect(_page_url(fam, request.POST.get("period", "")))
    period = form.cleaned_data["period"]
    try:
        done = step.generate(
            enterprise=enterprise,
            actor=request_user(request),
            period=period,
            data=form.cleaned_data,
        )
        messages.success(request, done)
    except ValidationError as exc:
        fail(request, exc)
    return redirect(_page_url(fam, period))


def _send(request: HttpRequest, family: str, service: Any, done: str) -> HttpResponse:
    """数据自检 / 远程申报 of the ticked batch, with the inserted card; ``done`` the message."""
    enterprise, fam = require_writer(request), family_of(family)
    batch_id = request.POST.get("batch", "")
    period = request.POST.get("period", "")
    if not batch_id.isdigit():
        messages.error(request, "请先在“申报数据上传”中勾选一笔申报数据")
        return redirect(_page_url(fam, period))
    try:
        signing_card_no(request)
        batch = service(enterprise=enterprise, actor=request_user(request), batch_id=int(batch_id))
        messages.success(request, done.format(number=batch.number))
    except ValidationError as exc:
        fail(request, exc)
    except PermissionDenied as exc:
        card_refused(request, exc)
    return redirect(_page_url(fam, period))


@require_POST
def self_check(request: HttpRequest, family: str) -> HttpResponse:
    done = "申报数据{number}已上传自检，请点击“自检状态查询”刷新自检进度"
    return _send(request, family, services.batch_self_check, done)


@require_POST
def upload(request: HttpRequest, family: str) -> HttpResponse:
    """远程申报 (a family without self-check): 上传成功, the review result follows."""
    done = "申报数据{number}远程申报上传成功，请待税务机关审核后读入审核结果"
    return _send(request, family, services.batch_upload, done)


@require_POST
def refresh(request: HttpRequest, family: str) -> HttpResponse:
    enterprise, fam = require_writer(request), family_of(family)
    try:
        changed = services.refresh_pending(
            enterprise=enterprise, actor=request_user(request), family=fam.key
        )
        messages.info(request, f"自检状态已刷新，{changed}笔申报数据状态有变化")
    except ValidationError as exc:
        fail(request, exc)
    return redirect(_page_url(fam, request.POST.get("period", "")))
