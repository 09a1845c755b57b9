"""Scoped reads of the 随附单据: a declaration's lines, its catalogue in declaration order and
where its 备案单证 stand against the dated rule (rebate.calc.deadlines)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Min, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from rebate.accounts.models import Enterprise
from rebate.calc.deadlines import deadline_status, document_filing_deadline, document_keep_until
from rebate.core.records import batch_record_types
from rebate.declarations.choices import BatchStatus
from rebate.declarations.families import UnknownFamily, get_family
from rebate.declarations.models import DeclarationBatch

from .models import CatalogueEntry, Document

DUE_SOON_DAYS = 5  # the catalogue is flagged 即将到期 this many days before it is due


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a declaration: its form (RecordType key and title), 申报序号 and row."""

    record: str
    record_title: str
    line_no: str
    pk: int
    order: int  # the form's place in the family's declaration

    @property
    def value(self) -> str:
        return f"{self.record}|{self.pk}"

    @property
    def label(self) -> str:
        return f"{self.record_title} 第{self.line_no}行"


@dataclass(frozen=True, slots=True)
class Due:
    """Where a catalogue stands: its 申报 date, due date and flag (label and colour)."""

    declared_on: date | None
    due: date | None
    keep_until: date | None
    flag: str
    tone: str  # Bootstrap colour of the flag
    days_left: int | None = None


def batches(enterprise: Enterprise) -> QuerySet[DeclarationBatch]:
    """The enterprise's declarations that may carry documents (not 已撤销), newest first."""
    return DeclarationBatch.objects.filter(enterprise=enterprise).exclude(
        status=BatchStatus.REVOKED
    )


def entry_counts(enterprise: Enterprise, batch_ids: list[int]) -> dict[int, tuple[int, date]]:
    """Per batch: how many entries its catalogue has and the day the first was made."""
    rows = (
        CatalogueEntry.objects.filter(enterprise=enterprise, batch_id__in=batch_ids)
        .values("batch_id")
        .annotate(n=Count("id"), first=Min("created_at"))
    )
    return {r["batch_id"]: (r["n"], timezone.localtime(r["first"]).date()) for r in rows}


def first_entry_on(entries: list[CatalogueEntry]) -> date | None:
    return min((timezone.localtime(e.created_at).date() for e in entries), default=None)


def batch_of(enterprise: Enterprise, pk: int) -> DeclarationBatch:
    return get_object_or_404(batches(enterprise), pk=pk)


def entry_of(enterprise: Enterprise, pk: int) -> CatalogueEntry:
    return get_object_or_404(
        CatalogueEntry.objects.filter(enterprise=enterprise).select_related("document", "batch"),
        pk=pk,
    )


def document_of(enterprise: Enterprise, pk: int) -> Document:
    return get_object_or_404(Document.objects.filter(enterprise=enterprise), pk=pk)


def family_label(batch: DeclarationBatch) -> str:
    try:
        return get_family(batch.family).label
    except UnknownFamily:  # a family no longer installed keeps its batches readable
        return batch.family


def batch_lines(enterprise: Enterprise, batch: DeclarationBatch) -> list[Line]:
    """The batch's lines, form by form in the family's order, each by 申报序号. The forms are
    read from the record registry, so no family is named here."""
    found: list[Line] = []
    records = [
        r
        for r in batch_record_types(batch.family)
        if not r.business or r.business == batch.business_code
    ]
    for order, record in enumerate(records):
        manager: Any = record.model._default_manager
        rows = manager.filter(enterprise=enterprise, declaration_batch_id=batch.pk)
        for pk, line_no in rows.order_by("sequence_no", "pk").values_list("pk", "sequence_no"):
            found.append(Line(record.key, record.title, line_no or "", pk, order))
    return found


def catalogue(enterprise: Enterprise, batch: DeclarationBatch) -> list[CatalogueEntry]:
    """备案单证目录 in declaration order: the documents of the whole declaration first, then
    line by line in the order the lines were declared; within one place, as registered."""
    lines = {(line.record, line.pk): line for line in batch_lines(enterprise, batch)}
    entries = list(
        CatalogueEntry.objects.filter(enterprise=enterprise, batch=batch).select_related("document")
    )

    def place(entry: CatalogueEntry) -> tuple[int, int, str, int]:
        line = lines.get((entry.line_record, entry.line_id or 0))
        if not entry.line_record:
            return (0, 0, "", entry.pk)
        return (1, line.order if line else 1_000, entry.line_no, entry.pk)

    return sorted(entries, key=place)


def declared_on(batch: DeclarationBatch) -> date | None:
    return timezone.localtime(batch.declared_at).date() if batch.declared_at else None


def due(batch: DeclarationBatch, first_on: date | None, today: date | None = None) -> Due:
    """Due 15 days after 申报 (the dated rule): 即将到期 in the last days before, 已逾期 after
    when nothing was catalogued by the due date (``first_on``: the first entry's day)."""
    today = today or timezone.localdate()
    on = declared_on(batch)
    if on is None:
        return Due(None, None, None, "未申报：申报后开始计算备案期限", "secondary")
    deadline = document_filing_deadline(on)
    keep = document_keep_until(on)
    status = deadline_status(deadline, today, warn_days=DUE_SOON_DAYS)
    in_time = first_on is not None and first_on <= deadline
    if status.overdue:
        if in_time:
            return Due(on, deadline, keep, "已按期备案", "success")
        return Due(on, deadline, keep, f"已逾期{-status.days_left}天", "danger")
    if status.warn:
        return Due(
            on, deadline, keep, f"即将到期：还剩{status.days_left}天", "warning", status.days_left
        )
    return Due(on, deadline, keep, f"未到期：还剩{status.days_left}天", "info", status.days_left)


def late(entry: CatalogueEntry, deadline: date | None) -> bool:
    """Was the entry catalogued after the due date?"""
    return deadline is not None and timezone.localtime(entry.created_at).date() > deadline
