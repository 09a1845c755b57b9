"""打印退税申报报表 (TS-26): after 正式申报, each form previews on screen and prints as a PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from rebate.core.access import data_enterprise

from .. import reports, selectors
from ..choices import FORMAL
from ..families import get_family
from ..models import DeclarationBatch
from .common import family_of


@require_GET
def print_page(request: HttpRequest, family: str | None = None) -> HttpResponse:
    enterprise, fam = data_enterprise(request), family_of(family)
    rows = selectors.batches(enterprise, fam.key).filter(status__in=FORMAL)
    return render(
        request,
        "declarations/print.html",
        {
            "title": "打印退税申报报表",
            "family": fam,
            "batches": rows,
            "forms": fam.print_forms,
        },
    )


@require_GET
def print_form(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = DeclarationBatch.objects.for_enterprise(data_enterprise(request))
    batch = get_object_or_404(queryset.select_related("enterprise"), pk=pk)
    if batch.status not in FORMAL:
        raise Http404("申报数据尚未正式申报，不能打印")
    try:
        form = get_family(batch.family).print_form(request.GET.get("form", "detail"))
    except KeyError:
        raise Http404("没有该报表") from None
    if request.GET.get("format") == "pdf":
        response = HttpResponse(reports.render_pdf(form, batch), content_type="application/pdf")
        name = f"{batch.enterprise.customs_code}_{batch.period}_{form.key}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
    nonce = str(getattr(request, "csp_nonce", ""))
    return HttpResponse(reports.render_html(form, batch, nonce=nonce))
