"""海外仓出口货物核对 pages: the pre-refunded lines with the bureau's list, and one line's form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from rebate.accounts.access import request_user
from rebate.core.access import data_enterprise, require_writer

from . import selectors, services
from .forms import ReconciliationForm

TITLE = "海外仓出口货物核对"
HINT = (
    "业务类型为HWC-YT的已申报明细在出口时已预退税（财政部 税务总局公告2025年第3号）；货物售出后"
    "登记销售日期和销售金额，未售出的须补缴或调整。核对期限为出口次年4月增值税纳税申报期。"
)


@require_GET
def lines(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    found = selectors.overview(enterprise, timezone.localdate())
    context = {"title": TITLE, "hint": HINT, "overview": found, "limit": selectors.LINE_LIMIT}
    return render(request, "overseas/lines.html", context)


@require_http_methods(["GET", "POST"])
def line(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = data_enterprise(request)
    found = selectors.line_of(enterprise, pk)
    form = ReconciliationForm()
    status = 200
    if request.method == "POST" and request.POST.get("action") == "from-bureau":
        require_writer(request)
        try:
            services.record_from_bureau(
                enterprise=enterprise, actor=request_user(request), line=found
            )
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("overseas:line", pk=found.pk)
        messages.success(request, f"已按税务机关登记的核对结果记录报关单{found.item_key}")
        return redirect("overseas:lines")
    if request.method == "POST":
        require_writer(request)
        form = ReconciliationForm(request.POST)
        if form.is_valid():
            try:
                services.record_reconciliation(
                    enterprise=enterprise,
                    actor=request_user(request),
                    line=found,
                    report=form.report(),
                )
            except ValidationError as error:
                form.add_error(None, error)  # a field's message lands beside its field
            else:
                messages.success(request, f"已核对报关单{found.item_key}（已报送税务局）")
                return redirect("overseas:lines")
        status = 400
    today = timezone.localdate()
    reconciliation = selectors.reconciliation_of(enterprise, found)
    at_bureau, bureau_error = (None, "")
    if reconciliation is None:  # the bureau may hold a report our save lost
        at_bureau, bureau_error = selectors.bureau_record(enterprise, found)
    row = selectors.OverseasRow(
        found, selectors.due_date(found), reconciliation, today, bureau_record=at_bureau
    )
    context = {
        "title": f"{TITLE} {found.item_key}",
        "hint": HINT,
        "row": row,
        "form": form,
        "bureau_error": bureau_error,
    }
    return render(request, "overseas/line.html", context, status=status)
