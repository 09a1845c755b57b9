"""The tax bureau simulator's HTTP API, spoken by rebate.integrations.taxbureau.

The caller is the enterprise whose bureau credential the request carries (sim.access); a
receipt of another enterprise answers 404 and every document is the caller's own. Packages are
POSTed as raw XML with the file name in ``X-Filename``: to ``packages`` for self-check, or to
``uploads`` (远程申报 → 上传成功) for a business whose wire spec has no self-check.
Documents answer in the published XML formats (docs/wire/); status and receipts answer JSON;
errors answer ``{"error": "<Chinese message>"}`` with a 4xx status.
"""

from __future__ import annotations

import json
from typing import IO

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rebate.integrations.wire.feedback import Doubt, writer
from rebate.integrations.wire.package import PeriodKind
from sim.access.credentials import client_of
from sim.customs.views import api
from sim.customs.web import BadRequest, parse_int, xml_response

from . import overseas, review
from .intake import MAX_PACKAGE_BYTES, iter_doubts, receive_package
from .models import Status, Submission, VatReturn
from .registry import find_enterprise
from .tasks import run_self_check

VAT_RETURN_FIGURES = ("output_tax", "input_tax", "opening_credit", "ending_credit", "tax_payable")


def _submission(client: str, receipt_no: str) -> Submission:
    enterprise = find_enterprise(client)
    submission = enterprise.submissions.filter(receipt_no=receipt_no).first()
    if submission is None:
        raise BadRequest(f"未找到受理回执号{receipt_no}的申报", 404)
    return submission


def _status_body(submission: Submission, status: str) -> dict[str, object]:
    body: dict[str, object] = {
        "receipt_no": submission.receipt_no,
        "status": status,
        "filename": submission.filename,
        "period": submission.period,
        "business_code": submission.business_code,
        "line_count": submission.line_count,
        "submitted_at": submission.submitted_at.isoformat(),
    }
    if status not in (Status.CHECKING,):
        doubts = submission.doubts
        body["doubt_count"] = doubts.count()
        body["blocking_count"] = doubts.filter(skippable=False).count()
    if submission.reasons:
        body["reasons"] = submission.reasons
    return body


def _package_body(request: HttpRequest) -> bytes:
    """The raw package. Packages are far larger than DATA_UPLOAD_MAX_MEMORY_SIZE (meant for
    form posts), so the stream is read directly, within the bureau's own package limit."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_PACKAGE_BYTES:
        raise BadRequest(f"申报数据超过{MAX_PACKAGE_BYTES // 2**20}MB，请分批申报", 413)
    return request.read()


@api
@client_of("taxbureau")
@require_POST
def packages(request: HttpRequest, client: str) -> HttpResponse:
    submission = receive_package(
        submitter=client,
        filename=request.META.get("HTTP_X_FILENAME", ""),
        data=_package_body(request),
    )
    transaction.on_commit(lambda: run_self_check.enqueue(submission.pk))
    return JsonResponse(_status_body(submission, Status.CHECKING), status=202)


@api
@client_of("taxbureau")
@require_POST
def uploads(request: HttpRequest, client: str) -> HttpResponse:
    """远程申报 of a business without self-check: checked like a package, stored 上传成功."""
    submission = receive_package(
        submitter=client,
        filename=request.META.get("HTTP_X_FILENAME", ""),
        data=_package_body(request),
        upload=True,
    )
    return JsonResponse(_status_body(submission, Status.UPLOADED), status=201)


@api
@client_of("taxbureau")
@require_GET
def package(request: HttpRequest, client: str, receipt_no: str) -> HttpResponse:
    submission = _submission(client, receipt_no)
    return JsonResponse(_status_body(submission, review.advance_review(submission)))


@api
@client_of("taxbureau")
@require_GET
def doubts(request: HttpRequest, client: str, receipt_no: str) -> HttpResponse:
    submission = _submission(client, receipt_no)
    status = review.advance_review(submission)
    if status == Status.CHECKING:
        raise BadRequest("自检尚未完成，请稍后查询", 409)

    def write(out: IO[bytes]) -> None:
        writer.write_doubts(
            out,
            receipt_no=submission.receipt_no,
            customs_code=submission.enterprise.customs_code,
            period=submission.period,
            business_code=submission.business_code,
            status=str(status),
            doubts=(Doubt(*row) for row in iter_doubts(submission)),
        )

    return xml_response(write)


@api
@client_of("taxbureau")
@require_POST
def declare(request: HttpRequest, client: str, receipt_no: str) -> HttpResponse:
    submission = review.declare(_submission(client, receipt_no))
    return JsonResponse(_status_body(submission, review.advance_review(submission)))


@api
@client_of("taxbureau")
@require_POST
def revoke(request: HttpRequest, client: str, receipt_no: str) -> HttpResponse:
    try:
        reason = str(json.loads(request.body or b"{}").get("reason", ""))
    except (ValueError, AttributeError):
        raise BadRequest('请求格式错误：需要 JSON {"reason": …}') from None
    submission = review.revoke(_submission(client, receipt_no), reason)
    return JsonResponse(_status_body(submission, submission.status))


@api
@client_of("taxbureau")
@require_GET
def review_feedback(request: HttpRequest, client: str) -> HttpResponse:
    enterprise = find_enterprise(client)
    spec = review.reviewed_business(request.GET.get("business", ""))
    period = request.GET.get("period", "")
    if spec.period_kind is PeriodKind.NONE:
        if period:
            raise BadRequest(f"{spec.label}没有所属期，参数period应为空")
    elif not period.isdigit() or len(period) != (6 if spec.period_kind is PeriodKind.MONTH else 4):
        expected = "所属期YYYYMM" if spec.period_kind is PeriodKind.MONTH else "申报年YYYY"
        raise BadRequest(f"参数period应为{expected}")
    results = review.review_results(enterprise, spec.code, period)
    # The document's Family attribute names the business asked for (its 申报业务表代码).
    return xml_response(
        lambda out: writer.write_review(
            out, customs_code=enterprise.customs_code, family=spec.code, period=period,
            results=results,
        )
    )  # fmt: skip


@api
@client_of("taxbureau")
@require_GET
def processing_feedback(request: HttpRequest, client: str) -> HttpResponse:
    enterprise = find_enterprise(client)
    year = parse_int(request.GET.get("year"), "year", 0)
    if not 1994 <= year <= 2099:
        raise BadRequest("参数year应为核销年度（如2026）")
    manuals = review.processing_feedback(enterprise, year)
    return xml_response(
        lambda out: writer.write_processing(
            out, customs_code=enterprise.customs_code, year=year, manuals=manuals
        )
    )


@api
@client_of("taxbureau")
@require_GET
def filing_feedback(request: HttpRequest, client: str) -> HttpResponse:
    enterprise = find_enterprise(client)
    filings = review.filing_feedback(enterprise)
    return xml_response(
        lambda out: writer.write_filings(out, customs_code=enterprise.customs_code, filings=filings)
    )


@api
@client_of("taxbureau")
@require_GET
def vat_return(request: HttpRequest, client: str) -> HttpResponse:
    """The caller's filed 增值税纳税申报表 of one 所属期; 404 while it is not filed."""
    enterprise = find_enterprise(client)
    period = request.GET.get("period", "")
    if not (period.isdigit() and len(period) == 6 and 1 <= int(period[4:]) <= 12):
        raise BadRequest("参数period应为所属期YYYYMM")
    row = VatReturn.objects.filter(enterprise=enterprise, period=period).first()
    if row is None:
        raise BadRequest(f"所属期{period}的增值税纳税申报表尚未申报", 404)
    return JsonResponse(
        {
            "period": row.period, "filed_on": row.filed_on.isoformat(),
            **{name: str(getattr(row, name)) for name in VAT_RETURN_FIGURES},
        }
    )  # fmt: skip


@api
@client_of("taxbureau")
@require_GET
def overseas_lines(request: HttpRequest, client: str) -> HttpResponse:
    """The caller's pre-refunded 海外仓 (HWC-YT) lines not yet reconciled (公告2025年第3号)."""
    enterprise = find_enterprise(client)
    for submission in overseas.awaiting_review(enterprise):
        review.advance_review(submission)
    rows = overseas.unreconciled(enterprise)
    return JsonResponse({"lines": [overseas.line_body(row) for row in rows]})


@api
@client_of("taxbureau")
@require_http_methods(["GET", "POST"])
def overseas_reconciliation(request: HttpRequest, client: str, item_key: str) -> HttpResponse:
    """POST: the enterprise reports one line sold (销售日期, 销售金额) or unsold (补缴/调整);
    GET: the reconciliation the bureau recorded for it (404 while there is none)."""
    if request.method == "GET":
        row = overseas.recorded(find_enterprise(client), item_key)
        return JsonResponse(overseas.line_body(row))
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise BadRequest("请求格式错误：需要 JSON 对象")
    row = overseas.reconcile(find_enterprise(client), item_key, body)
    return JsonResponse(overseas.line_body(row), status=201)
