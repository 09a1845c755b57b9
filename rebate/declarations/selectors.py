"""Reads of the declarations app; the first argument is always the enterprise."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from rebate.calc.mdt import ApprovedDeclaration, SummaryRows
from rebate.calc.money import ZERO, round_amount
from rebate.calc.periods import Period

from .choices import BatchStatus, ReviewResultKind
from .models import (
    ConsistencyRun,
    DeclarationBatch,
    Doubt,
    FeedbackFile,
    ReviewedLine,
    ReviewRecord,
    Summary,
)

SUMMARY_ROW_LABELS: dict[int, str] = {
    1: "免抵退税出口销售额（美元）",
    2: "其中：出口货物劳务销售额（美元）",
    3: "跨境应税行为销售额（美元）",
    4: "免抵退税出口销售额（人民币）",
    5: "免抵退税不得免征和抵扣税额",
    6: "其中：出口货物劳务不得免征和抵扣税额",
    7: "跨境应税行为不得免征和抵扣税额",
    8: "进料加工核销应调整不得免征和抵扣税额",
    9: "免抵退税不得免征和抵扣税额合计",
    10: "免抵退税额",
    11: "其中：出口货物劳务免抵退税额",
    12: "跨境应税行为免抵退税额",
    13: "上期结转需冲减的免抵退税额",
    14: "进料加工核销应调整免抵退税额",
    15: "免抵退税额合计",
    16: "结转下期需冲减的免抵退税额",
    17: "增值税纳税申报表期末留抵税额",
    18: "应退税额",
    19: "免抵税额",
}
SUMMARY_ROW_RULES: dict[int, str] = {
    1: "1=2+3",
    5: "5=6+7",
    9: "9=5+8",
    10: "10=11+12",
    15: "15=10-13+14（小于0时填0）",
    16: "16=13-10-14+15",
    18: "15>17时18=17，否则18=15",
    19: "19=15-18",
}


def batches(enterprise: Any, family: str) -> QuerySet[DeclarationBatch]:
    return DeclarationBatch.objects.for_enterprise(enterprise).filter(family=family)


def batch(enterprise: Any, pk: int) -> DeclarationBatch:
    found: DeclarationBatch = DeclarationBatch.objects.for_enterprise(enterprise).get(pk=pk)
    return found


def live_batch(enterprise: Any, family: str, period: str) -> DeclarationBatch | None:
    return (
        batches(enterprise, family)
        .filter(period=period)
        .exclude(status=BatchStatus.REVOKED)
        .first()
    )


def doubts(enterprise: Any, family: str, batch_id: int | None = None) -> QuerySet[Doubt]:
    rows = Doubt.objects.for_enterprise(enterprise).filter(batch__family=family)
    if batch_id is not None:
        rows = rows.filter(batch_id=batch_id)
    return rows.select_related("batch")


def latest_check(enterprise: Any, family: str, period: str | None = None) -> ConsistencyRun | None:
    runs = ConsistencyRun.objects.for_enterprise(enterprise).filter(family=family)
    if period:
        runs = runs.filter(period=period)
    return runs.order_by("-id").first()


def draft_summary(enterprise: Any, family: str, period: str) -> Summary | None:
    return (
        Summary.objects.for_enterprise(enterprise)
        .filter(family=family, period=period, batch__isnull=True)
        .first()
    )


def latest_summary(enterprise: Any, family: str, period: str | None = None) -> Summary | None:
    rows = Summary.objects.for_enterprise(enterprise).filter(family=family)
    if period:
        rows = rows.filter(period=period)
    return rows.order_by("-period", "-id").first()


def previous_summary(enterprise: Any, family: str, period: str) -> Summary | None:
    """The summary of the enterprise's last declaration before ``period`` (a live batch's)."""
    return (
        Summary.objects.for_enterprise(enterprise)
        .filter(family=family, period__lt=period, batch__isnull=False)
        .exclude(batch__status=BatchStatus.REVOKED)
        .order_by("-period", "-id")
        .first()
    )


def approved_history(enterprise: Any, family: str, period: str) -> list[ApprovedDeclaration]:
    """The year's declarations before ``period`` that are known only from feedback and were
    approved: they count in 本年累计 once read in."""
    rows = reviews(enterprise, family).filter(
        batch__isnull=True,
        result=ReviewResultKind.PASSED,
        period__startswith=period[:4],
        period__lt=period,
    )
    return [
        ApprovedDeclaration(
            Period.parse(r.period),
            r.fob_usd_total,
            r.fob_cny_total,
            r.exempt_credit_refund or ZERO,
            r.refund or ZERO,
            r.exempt_credit or ZERO,
        )
        for r in rows
    ]


def summary_rows(summary: Summary) -> tuple[SummaryRows, SummaryRows]:
    """(当期, 本年累计) of a stored summary as calc's SummaryRows."""
    lines = list(summary.lines.all())
    current = SummaryRows.from_rows({line.row: line.current for line in lines})
    year = SummaryRows.from_rows({line.row: line.year_to_date for line in lines})
    return current, year


@dataclass(frozen=True)
class SummaryTableRow:
    row: int
    label: str
    rule: str
    current: Decimal
    year_to_date: Decimal
    vat_difference: Decimal | None


def summary_table(summary: Summary) -> list[SummaryTableRow]:
    """The official 19-row layout: 栏次, 项目, 当期 (a), 本年累计 (b), 差额 (c)."""
    return [
        SummaryTableRow(
            line.row,
            SUMMARY_ROW_LABELS[line.row],
            SUMMARY_ROW_RULES.get(line.row, ""),
            line.current,
            line.year_to_date,
            line.vat_difference,
        )
        for line in summary.lines.order_by("row")
    ]


def feedback_files(enterprise: Any) -> QuerySet[FeedbackFile]:
    return FeedbackFile.objects.for_enterprise(enterprise)


def reviews(enterprise: Any, family: str) -> QuerySet[ReviewRecord]:
    return ReviewRecord.objects.for_enterprise(enterprise).filter(family=family)


@dataclass(frozen=True)
class Figure:
    label: str
    declared: Decimal | None
    approved: Decimal | None

    @property
    def differs(self) -> bool:
        """Only figures known on both sides are compared (history has no declared 应退税额)."""
        return None not in (self.declared, self.approved) and self.declared != self.approved


@dataclass(frozen=True)
class QueryRow:
    """One declared business in 数据查询: the batch (if declared here) and the bureau's review."""

    period: str
    batch: DeclarationBatch | None
    review: ReviewRecord | None
    figures: tuple[Figure, ...]

    @property
    def differs(self) -> bool:
        return any(f.differs for f in self.figures)


FIGURES = (  # (label, the batch's declared figure, the review's approved figure)
    ("人民币离岸价合计", "fob_cny_total", "fob_cny_total"),
    ("免抵退税额", "exempt_credit_refund", "exempt_credit_refund"),
    ("应退税额", "refund_due", "refund"),
    ("免抵税额", "exempt_credit", "exempt_credit"),
)


def _figures(declared: Mapping[str, Decimal | None], r: ReviewRecord | None) -> tuple[Figure, ...]:
    return tuple(
        Figure(label, declared.get(mine), getattr(r, theirs) if r is not None else None)
        for label, mine, theirs in FIGURES
    )


def _batch_figures(b: DeclarationBatch) -> dict[str, Decimal | None]:
    return {mine: getattr(b, mine) for _, mine, _ in FIGURES}


def _history_declared(reviews: list[ReviewRecord]) -> dict[int, dict[str, Decimal | None]]:
    """A declaration known only from feedback was declared as the bureau's lines record it:
    their totals are its declared 人民币离岸价 and 免抵退税额 (the rest is not known here)."""
    sums = (
        ReviewedLine.objects.filter(review__in=reviews)
        .values("review_id")
        .annotate(fob=Sum("fob_cny"), ecr=Sum("exempt_credit_refund"))
    )
    # A sum of cents is whole cents: shown with 2 places (SQLite's SUM carries more).
    return {
        row["review_id"]: {
            "fob_cny_total": _cents(row["fob"]),
            "exempt_credit_refund": _cents(row["ecr"]),
        }
        for row in sums
    }


def _cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_amount(value)


def query_rows(enterprise: Any, family: str, period: str = "") -> list[QueryRow]:
    """Every declared business: formal batches and reviews known only from feedback."""
    formal = batches(enterprise, family).exclude(receipt_no="")
    known = reviews(enterprise, family)
    if period:
        formal, known = formal.filter(period=period), known.filter(period=period)
    by_receipt = {r.receipt_no: r for r in known}
    rows = []
    for b in formal.filter(declared_at__isnull=False):
        review = by_receipt.pop(b.receipt_no, None)
        rows.append(QueryRow(b.period, b, review, _figures(_batch_figures(b), review)))
    history = list(by_receipt.values())
    declared = _history_declared(history)
    for review in history:
        rows.append(
            QueryRow(review.period, None, review, _figures(declared.get(review.pk, {}), review))
        )
    return sorted(
        rows, key=lambda row: (row.period, row.batch.pk if row.batch else 0), reverse=True
    )
