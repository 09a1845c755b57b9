"""数据查询 (TS-30): declared businesses with the bureau's approved figures beside them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from rebate.core.access import data_enterprise

from .. import selectors
from ..families import ReviewReading, known_family
from ..forms import query_form_class
from ..models import ReviewRecord
from .common import family_of


@require_GET
def query_page(request: HttpRequest, family: str) -> HttpResponse:
    enterprise, fam = data_enterprise(request), family_of(family)
    form_class = query_form_class(fam)
    form = form_class(request.GET or None)
    period = form.cleaned_data.get("period", "") if form.is_valid() else ""
    return render(
        request,
        "declarations/query.html",
        {
            "title": fam.title("query"),
            "family": fam,
            "period": period,
            "period_label": fam.period_label,
            "form": form_class(initial={"period": period}),
            "rows": selectors.query_rows(enterprise, fam, period),
        },
    )


@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = ReviewRecord.objects.for_enterprise(data_enterprise(request))
    review = get_object_or_404(queryset.select_related("batch"), pk=pk)
    fam = known_family(review.family)
    reading = fam.review if fam else ReviewReading()
    return render(
        request,
        "declarations/review_detail.html",
        {
            "title": f"审核结果 {review.period} {review.receipt_no}".replace("  ", " "),
            "review": review,
            "family": fam,
            "period_label": fam.period_label if fam else "所属期",
            "columns": reading.columns,
            "line_columns": reading.line_columns,
            "key_label": reading.line_key_label,
            "lines": review.lines.all()[:2000],
        },
    )
