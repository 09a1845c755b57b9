"""Reads of the explainer and the what-if page; the first argument is always the enterprise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from rebate.accounts.models import Enterprise
from rebate.calc.checks import DEFAULT_CATALOGUE, CatalogueEntry
from rebate.declarations.families import known_family
from rebate.declarations.models import ConsistencyIssue, Doubt
from rebate.declarations.views.common import record_url
from rebate.mdt.inputs import collected_lines

LINE_LIST_LIMIT = 500  # the what-if page lists at most this many lines to move


@dataclass(frozen=True, slots=True)
class FoundRow:
    """The 疑点 (or 数据一致性检查 problem) the clerk came from, and the page of its line."""

    kind: str  # "疑点" or "数据一致性检查问题"
    code: str
    level_label: str
    skippable: bool
    message: str
    line_no: str
    item_key: str
    where: str  # 申报数据 number or the check's 所属期
    line_url: str
    period: str


def catalogue_entry(code: str) -> CatalogueEntry | None:
    return DEFAULT_CATALOGUE[code] if code in DEFAULT_CATALOGUE else None  # noqa: SIM401


def _line_url(family_key: str, table: str, record_id: int | None) -> str:
    family = known_family(family_key)
    return record_url(family, table, record_id) if family is not None else ""


def _found(
    kind: str, row: Doubt | ConsistencyIssue, where: str, family: str, period: str
) -> FoundRow:
    return FoundRow(
        kind,
        row.code,
        row.get_level_display(),
        row.skippable,
        row.message,
        row.line_no,
        row.item_key,
        where,
        _line_url(family, row.table, row.record_id),
        period,
    )


def doubt_row(enterprise: Enterprise, pk: int) -> FoundRow:
    row = Doubt.objects.for_enterprise(enterprise).select_related("batch").filter(pk=pk).first()
    if row is None:
        raise Http404("没有该疑点")
    batch = row.batch
    return _found("疑点", row, f"申报数据{batch.number}", batch.family, batch.period)


def issue_row(enterprise: Enterprise, pk: int) -> FoundRow:
    rows = ConsistencyIssue.objects.for_enterprise(enterprise).select_related("run")
    row = rows.filter(pk=pk).first()
    if row is None:
        raise Http404("没有该问题")
    run = row.run
    return _found("数据一致性检查问题", row, f"所属期{run.period}", run.family, run.period)


def movable_lines(enterprise: Enterprise, period: str) -> tuple[list[dict[str, Any]], int]:
    """The period's lines not yet in a batch (the ones a trial may move), and how many there are."""
    rows = collected_lines(enterprise, period).order_by("sequence_no")
    fields = ("pk", "sequence_no", "item_key", "commodity_code", "fob_cny", "exempt_credit_refund")
    return list(rows.values(*fields)[:LINE_LIST_LIMIT]), rows.count()
