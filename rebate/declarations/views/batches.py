"""Row actions on one batch: 确认申报 (TS-25), the package file, 撤销申报数据 (TS-27), detail."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from rebate.accounts.access import request_user
from rebate.accounts.cardauth import signed_text_from
from rebate.core.access import data_enterprise, require_writer
from rebate.core.models import StatusChange

from .. import selectors, services, storage
from ..choices import BatchStatus
from ..families import Step
from ..forms import RevokeForm
from ..models import DeclarationBatch
from .common import card_refused, fail, family_of, family_url, signing_card_no

REVOCABLE = (
    BatchStatus.UNSIGNED,
    BatchStatus.GENERATED,
    BatchStatus.CHECKED,
    BatchStatus.BLOCKED,
    BatchStatus.RETURNED,
)


def _batch(request: HttpRequest, pk: int) -> DeclarationBatch:
    queryset = DeclarationBatch.objects.for_enterprise(data_enterprise(request))
    found: DeclarationBatch = get_object_or_404(queryset, pk=pk)
    return found


def _back(batch: DeclarationBatch) -> str:
    return family_url(family_of(batch.family), "generate", period=batch.period)


def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        signing_card_no(request)
        services.batch_confirm(
            enterprise=require_writer(request), actor=request_user(request), batch_id=pk
        )
        done = family_of(batch.family).title("confirm")
        messages.success(request, f"申报数据{batch.number}已{done}")
    except ValidationError as exc:
        fail(request, exc)
    except PermissionDenied as exc:
        card_refused(request, exc)
    return redirect(_back(batch))


def sign(request: HttpRequest, pk: int) -> HttpResponse:
    """CK-03: the browser's IC card signed the package digest; complete the package with it."""
    batch = _batch(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        batch = services.batch_sign(
            enterprise=require_writer(request),
            actor=request_user(request),
            batch_id=pk,
            signed=signed_text_from(request.POST),
        )
        messages.success(request, f"申报数据{batch.number}已使用IC卡 {batch.card_no} 签名")
    except ValidationError as exc:
        fail(request, exc)
    except PermissionDenied as exc:
        card_refused(request, exc)
    return redirect(_back(batch))


@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    batch = _batch(request, pk)
    return FileResponse(
        storage.open_package(batch.package_path),
        as_attachment=True,
        filename=batch.package_name,
        content_type="application/xml",
    )


@require_GET
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    history = StatusChange.objects.filter(
        enterprise_id=batch.enterprise_id,
        object_type=DeclarationBatch._meta.label_lower,
        object_id=str(batch.pk),
    ).order_by("created_at", "id")
    family = family_of(batch.family)
    step = family.summary if family.has(Step.SUMMARY) else None
    return render(
        request,
        "declarations/batch_detail.html",
        {
            "title": f"申报数据 {batch.number}",
            "family": family,
            "batch": batch,
            "history": history,
            "doubts": batch.doubts.all(),
            "reviews": batch.reviews.all(),
            "summary_section": step.section(batch.enterprise, batch.period, batch, draft=False)
            if step
            else None,
            "query": selectors.query_rows(batch.enterprise, family, batch.period),
            "period_label": family.period_label,
        },
    )


@require_GET
def revoke_page(request: HttpRequest, family: str) -> HttpResponse:
    enterprise, fam = data_enterprise(request), family_of(family)
    rows = selectors.batches(enterprise, fam.key)
    return render(
        request,
        "declarations/revoke.html",
        {
            "title": "撤销申报数据",
            "family": fam,
            "batches": rows,
            "revocable": REVOCABLE,
            "form": RevokeForm(),
        },
    )


def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.batch_revoke(
            enterprise=require_writer(request),
            actor=request_user(request),
            batch_id=pk,
            reason=reason,
        )
        messages.success(request, f"申报数据{batch.number}已撤销，相关数据可以修改后重新生成")
    except ValidationError as exc:
        fail(request, exc)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        # "//evil.example" starts with "/" too
        target = family_url(family_of(batch.family), "revoke")
    return redirect(target)
