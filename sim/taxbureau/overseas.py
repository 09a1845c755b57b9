"""The bureau's own list of pre-refunded 海外仓 (HWC-YT) lines and the reconciliations the
enterprise reports (公告2025年第3号): lines are recorded at 确认申报 from the package itself, the
unreconciled ones of declarations not revoked or returned are listed to their enterprise."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from rebate.integrations.wire.package import GoodsLine
from sim.customs.web import BadRequest

from .models import (
    Enterprise,
    OverseasLine,
    OverseasOutcome,
    OverseasSettlement,
    Status,
    Submission,
)
from .models.overseas import PREREFUND_TYPE

LIST_LIMIT = 2000
NOT_REFUNDED = (Status.REVOKED, Status.RETURNED)  # no refund was paid: nothing to reconcile


def record_declared(
    submission: Submission, lines: Sequence[GoodsLine], refunds: Iterable[Decimal | None]
) -> None:
    """At 确认申报: every HWC-YT line of the package joins the bureau's list."""
    OverseasLine.objects.bulk_create(
        OverseasLine(
            submission=submission, enterprise=submission.enterprise, period=submission.period,
            line_no=line.line_no, item_key=line.item_key, export_date=line.export_date,
            fob_cny=line.fob_cny, exempt_credit_refund=refund,
        )
        for line, refund in zip(lines, refunds, strict=True)
        if PREREFUND_TYPE in line.business_types
    )  # fmt: skip


def awaiting_review(enterprise: Enterprise) -> list[Submission]:
    """Declarations with HWC-YT lines still under review: advanced before listing (one
    returned by its review paid no refund)."""
    return list(
        Submission.objects.filter(
            enterprise=enterprise, status=Status.DECLARED, overseas_lines__isnull=False
        ).distinct()
    )


def unreconciled(enterprise: Enterprise) -> list[OverseasLine]:
    """The enterprise's pre-refunded lines not reconciled yet, by 出口日期."""
    rows = (
        OverseasLine.objects.filter(enterprise=enterprise, reconciled_at__isnull=True)
        .exclude(submission__status__in=NOT_REFUNDED)
        .select_related("submission")
        .order_by("export_date", "id")
    )
    return list(rows[:LIST_LIMIT])


def line_body(row: OverseasLine) -> dict[str, Any]:
    body: dict[str, Any] = {
        "period": row.period, "line_no": row.line_no, "item_key": row.item_key,
        "export_date": row.export_date.isoformat(), "fob_cny": str(row.fob_cny),
        "exempt_credit_refund": (
            None if row.exempt_credit_refund is None else str(row.exempt_credit_refund)
        ),
        "receipt_no": row.submission.receipt_no,
    }  # fmt: skip
    if row.reconciled_at is not None:
        body |= {
            "reconciled_at": row.reconciled_at.isoformat(), "outcome": row.outcome,
            "sold_on": row.sold_on.isoformat() if row.sold_on else None,
            "sale_amount": None if row.sale_amount is None else str(row.sale_amount),
            "settlement": row.settlement,
            "settle_amount": None if row.settle_amount is None else str(row.settle_amount),
            "reason": row.reason,
        }  # fmt: skip
    return body


def _amount(body: dict[str, Any], name: str, label: str) -> Decimal:
    try:
        amount = Decimal(str(body.get(name)))
    except InvalidOperation:
        raise BadRequest(f"{label}应为金额（如12345.67）") from None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise BadRequest(f"{label}应为大于0、最多两位小数的金额")
    return amount


def _date(body: dict[str, Any], name: str, label: str) -> date:
    try:
        return date.fromisoformat(str(body.get(name)))
    except ValueError:
        raise BadRequest(f"{label}格式错误（应为YYYY-MM-DD）") from None


def recorded(enterprise: Enterprise, item_key: str) -> OverseasLine:
    """The line's reconciliation as the bureau recorded it (404 while the line is unreconciled
    or unknown): what the enterprise reads back when its own save failed after the report."""
    row = (
        OverseasLine.objects.filter(
            enterprise=enterprise, item_key=item_key, reconciled_at__isnull=False
        )
        .exclude(submission__status__in=NOT_REFUNDED)
        .select_related("submission")
        .order_by("-reconciled_at", "-id")
        .first()
    )
    if row is None:
        raise BadRequest(f"税务局没有报关单{item_key}的海外仓预退税核对记录", 404)
    return row


@transaction.atomic
def reconcile(enterprise: Enterprise, item_key: str, body: dict[str, Any]) -> OverseasLine:
    """The enterprise's report on one line: sold (销售日期, 销售金额) or unsold (补缴/调整 with
    its amount and reason). Once reconciled, a line stays so (409)."""
    rows = (
        OverseasLine.objects.select_for_update()
        .filter(enterprise=enterprise, item_key=item_key)
        .exclude(submission__status__in=NOT_REFUNDED)
    )
    row = rows.filter(reconciled_at__isnull=True).order_by("id").first()
    if row is None:
        if rows.exists():
            raise BadRequest(f"报关单{item_key}的海外仓预退税已核对", 409)
        raise BadRequest(f"未找到报关单{item_key}的海外仓预退税明细", 404)
    outcome = str(body.get("outcome", ""))
    if outcome == OverseasOutcome.SOLD:
        row.sold_on = _date(body, "sold_on", "销售日期")
        if row.sold_on < row.export_date:
            raise BadRequest("销售日期不能早于出口日期")
        row.sale_amount = _amount(body, "sale_amount", "销售金额")
    elif outcome == OverseasOutcome.UNSOLD:
        row.settlement = str(body.get("settlement", ""))
        if row.settlement not in OverseasSettlement.values:
            raise BadRequest("settlement应为repay（补缴）或adjust（调整）")
        row.settle_amount = _amount(body, "settle_amount", "补缴/调整金额")
        row.reason = str(body.get("reason", "")).strip()[:300]
        if not row.reason:
            raise BadRequest("未售出须说明原因")
    else:
        raise BadRequest("outcome应为sold（已售出）或unsold（未售出）")
    row.outcome = outcome
    row.reconciled_at = timezone.now()
    row.save()
    return row
