"""Formal declaration, review (审核), revoke, and the feedback the bureau publishes.

Review results are asked for by business code (any business of the wire registry). 免抵退
(A0305001) is reviewed by review_mdt (recomputed from the bureau's own data); another business
passes unless the enterprise is set to be returned (``force_return_reason``), with no figures.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from rebate.calc.mdt import GoodsLine as CalcLine
from rebate.calc.mdt import compute_goods
from rebate.integrations.wire import WireError
from rebate.integrations.wire.feedback import (
    FilingRecord,
    ManualFeedback,
    ManualRecord,
    ReviewedLine,
    ReviewResult,
)
from rebate.integrations.wire.package import BUSINESS_CODE, BusinessSpec, GoodsLine, business
from sim.customs.web import BadRequest

from . import hooks, overseas, review_mdt
from .intake import declared_already, package_lines, visible_status
from .models import DeclaredLine, Enterprise, Status, Submission


def _line_amounts(lines: list[GoodsLine]) -> list[Decimal]:
    """免抵退税额 per line recomputed with rebate.calc (the bureau does not trust the file)."""
    columns = compute_goods(
        [
            CalcLine(
                line.line_no, line.fob_usd, line.fob_cny, line.levy_rate, line.rebate_rate,
                line.allocation_rate, line.domestic_duty_free_price or Decimal("0.00"),
            )
            for line in lines
        ]
    )  # fmt: skip
    return list(columns.exempt_credit_refund)


@transaction.atomic
def declare(submission: Submission) -> Submission:
    """转正式申报: only after a self-check without 不可挑过 doubts."""
    status = visible_status(submission)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if status == Status.CHECKING:
        raise BadRequest("自检尚未完成，请稍后查询自检结果", 409)
    if status == Status.BLOCKED:
        raise BadRequest("存在不可挑过的疑点，不能正式申报", 409)
    if status != Status.CHECKED:
        raise BadRequest(f"当前状态为“{status}”，不能正式申报", 409)
    if declared_already(submission.enterprise, submission.business_code, submission.period):
        raise BadRequest(f"所属期{submission.period}已有正式申报，请先撤销", 409)
    if submission.business_code != BUSINESS_CODE:
        submission.status = Status.DECLARED
        submission.declared_at = timezone.now()
        submission.save(update_fields=["status", "declared_at"])
        return submission
    lines, _ = package_lines(submission)
    amounts = _line_amounts(lines)
    DeclaredLine.objects.bulk_create(
        (
            DeclaredLine(
                submission=submission, enterprise=submission.enterprise,
                line_no=line.line_no, item_key=line.item_key, quantity=line.quantity,
                fob_usd=line.fob_usd, fob_cny=line.fob_cny, exempt_credit_refund=amount,
            )
            for line, amount in zip(lines, amounts, strict=True)
        ),
        batch_size=2000,
    )  # fmt: skip
    overseas.record_declared(submission, lines, amounts)
    submission.status = Status.DECLARED
    submission.declared_at = timezone.now()
    submission.exempt_credit_refund = sum(amounts, Decimal("0.00"))
    submission.save(update_fields=["status", "declared_at", "exempt_credit_refund"])
    return submission


def _decide(submission: Submission) -> None:
    forced = submission.enterprise.force_return_reason
    if submission.business_code != BUSINESS_CODE:
        _decide_by_hook(submission, forced)
        return
    if forced:
        submission.status, submission.reasons = Status.RETURNED, forced
    else:
        decision = review_mdt.review(submission)
        submission.status = Status.PASSED if decision.passed else Status.RETURNED
        submission.reasons = decision.reasons
        if decision.passed:
            submission.refund, submission.exempt_credit = decision.refund, decision.exempt_credit
            submission.adjustment = decision.adjustment
            submission.approved_exempt_credit_refund = decision.exempt_credit_refund
    submission.reviewed_on = timezone.localdate()


def _decide_by_hook(submission: Submission, forced: str) -> None:
    """Another business: its registered review (hooks) decides and gives the confirmed
    amounts, recorded as the submission's lines; without one it passes unless forced."""
    decision = None if forced else hooks.run_review(submission)
    passed = not forced and (decision is None or decision.passed)
    submission.status = Status.PASSED if passed else Status.RETURNED
    submission.reasons = forced or (decision.reasons if decision is not None else "")
    submission.reviewed_on = timezone.localdate()
    if decision is None or not passed:
        return
    submission.refund = decision.amount
    DeclaredLine.objects.bulk_create(
        DeclaredLine(
            submission=submission, enterprise=submission.enterprise, line_no=line.line_no,
            item_key=hooks.feedback_key(line.item_key), quantity=line.quantity,
            fob_usd=Decimal("0.00"), fob_cny=Decimal("0.00"), exempt_credit_refund=line.amount,
        )
        for line in decision.lines
    )  # fmt: skip


def advance_review(submission: Submission) -> str:
    """The enterprise-visible status; a declared or uploaded submission is reviewed after
    its delay."""
    waiting = submission.status
    if waiting not in (Status.DECLARED, Status.UPLOADED):
        return visible_status(submission)
    assert submission.declared_at is not None
    delay = timedelta(seconds=submission.enterprise.review_delay_seconds)
    if timezone.now() < submission.declared_at + delay:
        return waiting
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status == waiting:
            _decide(locked)
            locked.save(
                update_fields=[
                    "status",
                    "reasons",
                    "refund",
                    "exempt_credit",
                    "adjustment",
                    "approved_exempt_credit_refund",
                    "reviewed_on",
                ]
            )
    submission.refresh_from_db()
    return submission.status


@transaction.atomic
def revoke(submission: Submission, reason: str) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status == Status.PASSED:
        raise BadRequest("申报已审核通过，不能撤销；请通过红字冲减更正", 409)
    if submission.status == Status.REVOKED:
        raise BadRequest("申报已撤销", 409)
    submission.status = Status.REVOKED
    submission.reasons = reason[:2000]
    submission.save(update_fields=["status", "reasons"])
    return submission


def reviewed_business(code: str) -> BusinessSpec:
    """The business a review query names (any registered one), or a 400 listing them."""
    if not code:
        raise BadRequest("缺少参数business（申报业务表代码，如A0305001）")
    try:
        return business(code)
    except WireError as error:
        raise BadRequest(error.message) from None


def review_results(enterprise: Enterprise, business_code: str, period: str) -> list[ReviewResult]:
    """The declared (or uploaded) submissions of a business and period, reviewed when due;
    a business without a period answers all of its filings (``period`` empty)."""
    code = reviewed_business(business_code).code
    rows = enterprise.submissions.filter(
        business_code=code, period=period, declared_at__isnull=False
    ).order_by("id")
    results = []
    for submission in rows:
        result = advance_review(submission)
        lines: tuple[ReviewedLine, ...] = ()
        if result == Status.PASSED:
            lines = tuple(
                ReviewedLine(
                    line.line_no, line.item_key, line.quantity, line.fob_usd, line.fob_cny,
                    line.exempt_credit_refund,
                )
                for line in submission.lines.order_by("id")
            )  # fmt: skip
        results.append(
            ReviewResult(
                receipt_no=submission.receipt_no, business_code=code, period=period,
                result=str(result), line_count=submission.line_count,
                fob_usd_total=submission.fob_usd_total, fob_cny_total=submission.fob_cny_total,
                reviewed_on=submission.reviewed_on,
                exempt_credit_refund=(
                    submission.approved_exempt_credit_refund
                    if submission.approved_exempt_credit_refund is not None
                    else submission.exempt_credit_refund
                ),
                refund=submission.refund, exempt_credit=submission.exempt_credit,
                adjustment=submission.adjustment, reasons=submission.reasons, lines=lines,
            )
        )  # fmt: skip
    return results


def processing_feedback(enterprise: Enterprise, year: int) -> list[ManualFeedback]:
    rows = enterprise.writeoffs.filter(writeoff_date__year=year).order_by("manual_no")
    return [
        ManualFeedback(
            row.manual_no, row.valid_from, row.valid_to, row.writeoff_date,
            row.import_total, row.export_total, row.actual_rate,
            tuple(
                ManualRecord(r.ie_flag, r.trade_mode, r.amount_cny, r.entry_id, r.g_no)
                for r in row.records.order_by("id")
            ),
        )
        for row in rows
    ]  # fmt: skip


def filing_feedback(enterprise: Enterprise) -> list[FilingRecord]:
    return [
        FilingRecord(
            row.business_code, row.short_name, row.filed_on, row.status, row.summary,
            row.planned_allocation_rate, str(enterprise.category),
        )
        for row in enterprise.filings.order_by("filed_on", "id")
    ]  # fmt: skip
