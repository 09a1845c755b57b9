"""首页 dashboard figures: one scoped query per chart, amounts as Decimal (strings in JSON).

The monthly and refund charts read the 免抵退 batches' own figures (what 生成申报数据 took from the
汇总表: rows 2, 4, 11, 18, 19) and the bureau's approved figures of their reviews; revoked
batches count nowhere. Batches by state and open 疑点 cover every family.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

from rebate.accounts.models import Enterprise
from rebate.calc.money import ZERO
from rebate.declarations.choices import LABELS, SELF_CHECKED
from rebate.declarations.families import known_family
from rebate.declarations.figures import read_figure
from rebate.declarations.models import DeclarationBatch, Doubt
from rebate.refunds.selectors import batches as live_mdt_batches
from rebate.refunds.selectors import tracking as refund_tracking

MONTHLY_KEYS = (
    "fob_usd_total",
    "fob_cny_total",
    "exempt_credit_refund",
    "refund_due",
    "exempt_credit",
)


@dataclass(frozen=True, slots=True)
class RefundRow:
    period: str
    batch: str
    expected: Decimal  # our 汇总: the batch's 应退税额 (row 18)
    approved: Decimal | None  # the bureau's 核准应退税额, None until approved
    adjustment: Decimal | None = None  # 审核调整 (approved − declared), with its reason
    reason: str = ""
    received: Decimal = ZERO  # 已收到退税款: entered on 退税到账跟踪 or read from a bank statement


def monthly_figures(enterprise: Enterprise) -> dict[str, dict[str, Decimal]]:
    """所属期 → the declared 出口销售额（美元/人民币）, 免抵退税额, 应退税额, 免抵税额."""
    months: dict[str, dict[str, Decimal]] = {}
    for period, figures in (
        live_mdt_batches(enterprise).order_by("period").values_list("period", "figures")
    ):
        month = months.setdefault(period, dict.fromkeys(MONTHLY_KEYS, ZERO))
        for key in MONTHLY_KEYS:
            month[key] += read_figure(figures, key) or ZERO
    return months


def refunds(enterprise: Enterprise) -> list[RefundRow]:
    """Expected against approved against received 应退税额 per 免抵退 batch (the latest passed
    review's, with its 审核调整 and reason; the refunds received), as 退税到账跟踪 reads them
    (one query)."""
    return [
        RefundRow(
            t.batch.period,
            t.batch.number,
            t.expected,
            t.approved,
            t.adjustment,
            t.adjustment_reason,
            t.received,
        )
        for t in refund_tracking(enterprise)
    ]


def batches_by_state(enterprise: Enterprise) -> list[tuple[str, str, int]]:
    """(family label, status label, count) of every batch, revoked ones included."""
    rows = (
        DeclarationBatch.objects.for_enterprise(enterprise)
        .values("family", "status")
        .annotate(n=Count("id"))
        .order_by("family", "status")
    )
    found = []
    for row in rows:
        family = known_family(row["family"])
        found.append((family.label if family else row["family"], LABELS[row["status"]], row["n"]))
    return found


def open_doubts(enterprise: Enterprise) -> list[tuple[str, int, int]]:
    """(code, 疑点 count, of which 不可跳过) of the batches whose self-check is the latest word
    (自检完成 / 有不可跳过疑点); most frequent first."""
    rows = (
        Doubt.objects.for_enterprise(enterprise)
        .filter(batch__status__in=SELF_CHECKED)
        .values("code")
        .annotate(n=Count("id"), blocking=Count("id", filter=Q(skippable=False)))
    )
    return [(row["code"], row["n"], row["blocking"]) for row in rows.order_by("-n", "code")]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def dashboard_data(enterprise: Enterprise) -> dict[str, Any]:
    """The charts' JSON: every amount a decimal string (never a float)."""
    months = monthly_figures(enterprise)
    return {
        "months": list(months),
        "monthly": {key: [_text(m[key]) for m in months.values()] for key in MONTHLY_KEYS},
        "refunds": [
            {
                "period": r.period,
                "batch": r.batch,
                "expected": _text(r.expected),
                "approved": _text(r.approved),
                "adjustment": _text(r.adjustment),
                "reason": r.reason,
                "received": _text(r.received),
            }
            for r in refunds(enterprise)
        ],
        "states": [
            {"family": f, "status": s, "count": n} for f, s, n in batches_by_state(enterprise)
        ],
        "doubts": [{"code": c, "count": n, "blocking": b} for c, n, b in open_doubts(enterprise)],
    }
