"""打印退税申报报表 (TS-26): after 正式申报, each form previews on screen and prints as a PDF; a
family that prints before generating (单证, 备案) prints each collected record's forms too."""

from __future__ import annotations

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from rebate.accounts.access import request_user
from rebate.core.access import data_enterprise
from rebate.core.jobs import job_create
from rebate.core.models import Job, JobStatus

from .. import jobs, reports, selectors, storage
from ..choices import FORMAL
from ..families import PrintForm, get_family
from ..models import DeclarationBatch
from .common import family_of, family_url


def job_lines() -> int:
    """A form of a batch with more rows than this (PrintForm.rows) prints as a job with progress."""
    return int(getattr(settings, "PRINT_JOB_LINES", 300))


@require_GET
def print_page(request: HttpRequest, family: str) -> HttpResponse:
    enterprise, fam = data_enterprise(request), family_of(family)
    forms = [f for f in fam.print_forms if not f.record]
    # Each batch's forms under the names in force for its 所属期 (a renamed form shows both).
    limit = job_lines()
    rows = [
        (batch, [(f, f.title_for(batch.period), f.long_for(batch, limit)) for f in forms])
        for batch in selectors.batches(enterprise, fam.key).filter(status__in=FORMAL)
    ]
    records = selectors.print_records(enterprise, fam) if fam.print_before_generate else []
    job = (
        Job.objects.for_enterprise(enterprise)
        .filter(pk=request.GET.get("job") or 0, kind=jobs.PRINT)
        .first()
    )
    return render(
        request,
        "declarations/print.html",
        {
            "title": fam.title("print"),
            "family": fam,
            "batches": rows,
            "forms": forms,
            "records": records,
            "job": job,
            "download": job is not None and job.status == JobStatus.SUCCEEDED,
        },
    )


def _formal_batch(request: HttpRequest, pk: int) -> tuple[DeclarationBatch, PrintForm]:
    queryset = DeclarationBatch.objects.for_enterprise(data_enterprise(request))
    batch = get_object_or_404(queryset.select_related("enterprise"), pk=pk)
    if batch.status not in FORMAL:
        raise Http404("申报数据尚未正式申报，不能打印")
    try:
        form = get_family(batch.family).print_form(
            request.POST.get("form") or request.GET.get("form", "detail")
        )
    except KeyError:
        raise Http404("没有该报表") from None
    if form.record:
        raise Http404("该报表按单条记录打印")
    return batch, form


def print_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A large print as a background job; the print page shows its progress, then the PDF.
    POST only; the batch is looked up first so that another enterprise's is a 404."""
    batch, form = _formal_batch(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = job_create(
        enterprise=batch.enterprise,
        actor=request_user(request),
        kind=jobs.PRINT,
        label=f"打印{form.title_for(batch.period)} {batch.number}",
        params={"batch": batch.pk, "form": form.key},
    )
    return redirect(family_url(get_family(batch.family), "print", job=job.pk))


@require_GET
def print_download(request: HttpRequest, pk: int) -> FileResponse:
    jobs_here = Job.objects.for_enterprise(data_enterprise(request))
    job = get_object_or_404(jobs_here, pk=pk, kind=jobs.PRINT, status=JobStatus.SUCCEEDED)
    name = str(job.result["file"])
    if not storage.exists(name):
        raise Http404("打印文件已不存在，请重新生成")
    return FileResponse(
        storage.open_package(name),
        content_type="application/pdf",
        filename=str(job.result["filename"]),
    )


@require_GET
def print_form(request: HttpRequest, pk: int) -> HttpResponse:
    batch, form = _formal_batch(request, pk)
    if request.GET.get("format") == "pdf":
        name = f"{batch.enterprise.customs_code}_{batch.period}_{form.key}.pdf"
        return _pdf(reports.render_pdf(form, batch), name)
    nonce = str(getattr(request, "csp_nonce", ""))
    return HttpResponse(reports.render_html(form, batch, nonce=nonce))


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
def print_record(request: HttpRequest, pk: int) -> HttpResponse:
    """A collected record's form (?family=…&form=…), before it is generated: preview or PDF."""
    fam = family_of(request.GET.get("family", ""))
    try:
        form = fam.print_form(request.GET.get("form", ""))
        model = selectors.record_model(form)
    except (KeyError, LookupError):
        raise Http404("没有该报表") from None
    if not fam.print_before_generate:
        raise Http404(f"{fam.label}在正式申报后打印")
    rows = model._default_manager.filter(enterprise=data_enterprise(request))
    record = get_object_or_404(rows.select_related("enterprise"), pk=pk)
    if request.GET.get("format") == "pdf":
        name = f"{record.enterprise.customs_code}_{form.key}_{record.sequence_no or record.pk}.pdf"
        return _pdf(reports.render_pdf(form, record), name)
    nonce = str(getattr(request, "csp_nonce", ""))
    return HttpResponse(reports.render_html(form, record, nonce=nonce))
