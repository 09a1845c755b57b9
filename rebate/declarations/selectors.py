"""Reads of the declarations app; the first argument is always the enterprise."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import QuerySet

from rebate.accounts.models import Enterprise
from rebate.core.models import BatchRecord

from .choices import BatchStatus
from .families import Family, PrintForm
from .figures import read_figure
from .models import (
    ConsistencyRun,
    DeclarationBatch,
    Doubt,
    FeedbackFile,
    ReviewedLine,
    ReviewRecord,
)


def batches(enterprise: Enterprise, family: str) -> QuerySet[DeclarationBatch]:
    return DeclarationBatch.objects.for_enterprise(enterprise).filter(family=family)


def batch(enterprise: Enterprise, pk: int) -> DeclarationBatch:
    found: DeclarationBatch = DeclarationBatch.objects.for_enterprise(enterprise).get(pk=pk)
    return found


def live_batch(
    enterprise: Enterprise, family: str, period: str, business_code: str = ""
) -> DeclarationBatch | None:
    """The period's batch not 已撤销 (of one business when given); none without a period."""
    if not period:
        return None
    rows = batches(enterprise, family).filter(period=period).exclude(status=BatchStatus.REVOKED)
    return (rows.filter(business_code=business_code) if business_code else rows).first()


def shown_batch(enterprise: Enterprise, family: str, period: str) -> DeclarationBatch | None:
    """The batch 生成申报数据 works on: the period's live one; without a period (备案) the
    latest batch still 待签名, so the browser's card can sign it, else the latest not 已撤销 (the
    one just generated, ticked for 远程申报 as a period's live batch is)."""
    if period:
        return live_batch(enterprise, family, period)
    rows = batches(enterprise, family).exclude(status=BatchStatus.REVOKED).order_by("-id")
    return rows.filter(status=BatchStatus.UNSIGNED).first() or rows.first()


def open_business(enterprise: Enterprise, family: Family, period: str) -> str:
    """The business 生成申报数据's dialog opens on: that of the row last saved and not yet in a
    batch (a source answering latest_open), else "" (the dialog's first)."""
    found = [
        work
        for source in family.sources
        if hasattr(source, "latest_open")
        and (work := source.latest_open(enterprise=enterprise, period=period))
    ]
    latest = max(found, default=None)
    return latest[1] if latest else ""


def doubts(enterprise: Enterprise, family: str, batch_id: int | None = None) -> QuerySet[Doubt]:
    rows = Doubt.objects.for_enterprise(enterprise).filter(batch__family=family)
    if batch_id is not None:
        rows = rows.filter(batch_id=batch_id)
    return rows.select_related("batch")


def latest_check(
    enterprise: Enterprise, family: str, period: str | None = None
) -> ConsistencyRun | None:
    runs = ConsistencyRun.objects.for_enterprise(enterprise).filter(family=family)
    if period:
        runs = runs.filter(period=period)
    return runs.order_by("-id").first()


def feedback_files(enterprise: Enterprise) -> QuerySet[FeedbackFile]:
    return FeedbackFile.objects.for_enterprise(enterprise)


def reviews(enterprise: Enterprise, family: str) -> QuerySet[ReviewRecord]:
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

    @property
    def figure_rows(self) -> tuple[Figure | None, ...]:
        """The table's lines of this row: one per figure, one without when the family has none."""
        return self.figures or (None,)


def _figures(
    family: Family, declared: Mapping[str, Decimal | None], r: ReviewRecord | None
) -> tuple[Figure, ...]:
    return tuple(
        Figure(f.label, declared.get(f.figure), r.figure(f.review_figure) if r else None)
        for f in family.query_figures
    )


def _batch_figures(family: Family, b: DeclarationBatch) -> dict[str, Decimal | None]:
    return {f.figure: b.figure(f.figure) for f in family.query_figures}


def _history_declared(
    family: Family, reviews: list[ReviewRecord]
) -> dict[int, dict[str, Decimal | None]]:
    """A declaration known only from feedback was declared as the bureau's lines record it:
    the sums of its lines are its declared figures (where the family names a line figure).
    Summed here, as Decimals: the figures are decimal strings in a JSON column."""
    summed = {f.figure: f.line_sum for f in family.query_figures if f.line_sum}
    if not summed:
        return {}
    totals: dict[int, dict[str, Decimal | None]] = {}
    lines = ReviewedLine.objects.filter(review__in=reviews).values_list("review_id", "figures")
    for review_id, stored in lines.iterator(chunk_size=5000):
        row = totals.setdefault(review_id, dict.fromkeys(summed))
        for key, line_key in summed.items():
            value = read_figure(stored, line_key)
            if value is not None:
                row[key] = value + (row[key] or Decimal("0.00"))
    return totals


def query_rows(enterprise: Enterprise, family: Family, period: str = "") -> list[QueryRow]:
    """Every declared business: formal batches and reviews known only from feedback."""
    formal = batches(enterprise, family.key).exclude(receipt_no="")
    known = reviews(enterprise, family.key)
    if period:
        formal, known = formal.filter(period=period), known.filter(period=period)
    by_receipt = {r.receipt_no: r for r in known}
    rows = []
    for b in formal.filter(declared_at__isnull=False):
        review = by_receipt.pop(b.receipt_no, None)
        declared = _batch_figures(family, b)
        rows.append(QueryRow(b.period, b, review, _figures(family, declared, review)))
    history = list(by_receipt.values())
    declared_history = _history_declared(family, history)
    for review in history:
        declared = declared_history.get(review.pk, {})
        rows.append(QueryRow(review.period, None, review, _figures(family, declared, review)))
    return sorted(
        rows, key=lambda row: (row.period, row.batch.pk if row.batch else 0), reverse=True
    )


PRINT_RECORDS = 200  # the latest records listed per form on the print page


@dataclass(frozen=True)
class RecordPrints:
    """One record form of the print page (打印 before 生成申报数据) with the latest rows."""

    form: PrintForm
    rows: list[BatchRecord]
    # Where the clerk collects these records: (the list's title, its URL name), or None
    collect: tuple[str, str] | None = None


def record_model(form: PrintForm) -> type[BatchRecord]:
    """The model a record form prints (LookupError when its app is not installed)."""
    model: type[BatchRecord] = apps.get_model(form.record)
    return model


def _collected_in(model: type[BatchRecord]) -> tuple[str, str] | None:
    from rebate.core.records import REGISTRY, discover_records

    discover_records()
    lists = [(r.title, r.url_name("list")) for r in REGISTRY if r.model is model and r.has("add")]
    return lists[0] if lists else None


def print_records(enterprise: Enterprise, family: Family) -> list[RecordPrints]:
    """The enterprise's records of each of the family's record forms, newest first."""
    found = []
    for form in family.print_forms:
        if form.record:
            model = record_model(form)
            rows = model._default_manager.filter(enterprise=enterprise)
            newest = list(rows.order_by("-id")[:PRINT_RECORDS])
            found.append(RecordPrints(form, newest, _collected_in(model)))
    return found
