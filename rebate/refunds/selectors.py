"""退税到账跟踪: per 免抵退 batch, expected (our 汇总 row 18), approved (the bureau's latest
passed review, with its 审核调整 and reason), received (entered or imported) and the gap with
its reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, JSONField, OuterRef, Subquery, Sum
from django.shortcuts import get_object_or_404

from rebate.accounts.models import Enterprise
from rebate.calc.money import ZERO
from rebate.declarations.choices import BatchStatus, ReviewResultKind
from rebate.declarations.figures import read_figure
from rebate.declarations.models import DeclarationBatch, ReviewRecord
from rebate.mdt import KEY as MDT

from .models import ReceivedRefund


@dataclass(slots=True)
class Tracking:
    batch: Any
    expected: Decimal
    approved: Decimal | None
    adjustment: Decimal | None
    adjustment_reason: str
    received: Decimal
    received_rows: list[ReceivedRefund] = field(default_factory=list)

    @property
    def gap(self) -> Decimal:
        """What is still missing against what we expected (negative: more came in)."""
        return self.expected - self.received

    @property
    def outstanding(self) -> Decimal:
        """Not yet on the account of what the bureau approved (expected while not approved)."""
        return (self.expected if self.approved is None else self.approved) - self.received

    @property
    def gap_reasons(self) -> list[str]:
        reasons = []
        if self.approved is not None and self.approved != self.expected:
            adjustment = self.adjustment or (self.approved - self.expected)
            text = f"审核调整{adjustment:f}"
            reasons.append(f"{text}：{self.adjustment_reason}" if self.adjustment_reason else text)
        if self.outstanding > ZERO:
            waiting = "未到账" if self.approved is not None else "待审核，未到账"
            reasons.append(f"{waiting}{self.outstanding:f}")
        elif self.outstanding < ZERO:
            reasons.append(f"多到账{-self.outstanding:f}")
        return reasons


def batches(enterprise: Enterprise) -> Any:
    """The enterprise's 免抵退 batches that count (revoked ones do not)."""
    return (
        DeclarationBatch.objects.for_enterprise(enterprise)
        .filter(family=MDT)
        .exclude(status=BatchStatus.REVOKED)
    )


def batch_of(enterprise: Enterprise, pk: int) -> DeclarationBatch:
    found: DeclarationBatch = get_object_or_404(batches(enterprise), pk=pk)
    return found


def _annotated(enterprise: Enterprise) -> Any:
    approved = ReviewRecord.objects.filter(
        enterprise=enterprise, batch=OuterRef("pk"), result=ReviewResultKind.PASSED
    ).order_by("-id")
    received = (
        ReceivedRefund.objects.filter(enterprise=enterprise, batch=OuterRef("pk"))
        .values("batch")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return batches(enterprise).annotate(
        approved=Subquery(approved.values("figures")[:1], output_field=JSONField()),
        approved_reasons=Subquery(approved.values("reasons")[:1]),
        received_total=Subquery(
            received[:1], output_field=DecimalField(max_digits=18, decimal_places=2)
        ),
    )


def _tracking(b: Any) -> Tracking:
    return Tracking(
        batch=b,
        expected=b.figure("refund_due") or ZERO,
        approved=read_figure(b.approved, "refund_due") if b.approved else None,
        adjustment=read_figure(b.approved, "adjustment") if b.approved else None,
        adjustment_reason=(b.approved_reasons or "") if b.approved else "",
        # the sum comes back with the database's own exponent: back to cents, as amounts are shown
        received=Decimal(b.received_total or ZERO).quantize(ZERO),
    )


def tracking(enterprise: Enterprise) -> list[Tracking]:
    """Every batch's tracking, by 所属期; bounded to the latest 240 batches (20 years)."""
    rows = _annotated(enterprise).order_by("-period", "-id")[:240]
    return [_tracking(b) for b in reversed(rows)]


def batch_tracking(enterprise: Enterprise, batch: DeclarationBatch) -> Tracking:
    found = _tracking(_annotated(enterprise).get(pk=batch.pk))
    found.received_rows = list(
        ReceivedRefund.objects.for_enterprise(enterprise).filter(batch=batch)[:500]
    )
    return found


def totals(rows: list[Tracking]) -> dict[str, Decimal]:
    return {
        "expected": sum((r.expected for r in rows), ZERO),
        "approved": sum((r.approved or ZERO for r in rows), ZERO),
        "received": sum((r.received for r in rows), ZERO),
        "gap": sum((r.gap for r in rows), ZERO),
    }
