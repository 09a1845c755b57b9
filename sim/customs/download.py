"""Customs data as published records (rebate.integrations.wire.customs), page by page.

Rows are read with ``values()`` (no model instances) and grouped in Python: a page of 500
declarations costs two queries however many items they have.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q

from rebate.integrations.wire.customs import (
    Amendment,
    DeclarationItem,
    ExportDeclaration,
    Manual,
    ManualRecord,
    ReturnRecord,
)

from . import models

HEAD_FIELDS = (
    "id", "entry_id", "seq_no", "ie_flag", "ie_date", "d_date", "clearance_date",
    "custom_master", "ie_port", "trade_mode", "cut_mode", "traf_mode", "traf_name", "bill_no",
    "trans_mode", "trade_country", "trade_area_code", "distinate_port", "enty_port_code",
    "fee_mark", "fee_rate", "fee_curr", "insur_mark", "insur_rate", "insur_curr", "pack_no",
    "wrap_type", "gross_wt", "net_wt", "contr_no", "manual_no", "amended",
)  # fmt: skip
ITEM_FIELDS = (
    "declaration_id", "g_no", "code_ts", "g_name", "g_model", "g_qty", "g_unit", "first_qty",
    "first_unit", "second_qty", "second_unit", "decl_price", "decl_total", "trade_curr",
    "origin_country", "destination_country", "duty_mode", "district_code", "fob_orig", "fob_usd",
    "fob_cny", "no_refund",
)  # fmt: skip
MAX_PAGE = 2000
CURSOR_LENGTH = 26  # YYYYMMDD + 18-digit entry id


def parse_cursor(cursor: str) -> tuple[date, str] | None:
    if not cursor:
        return None
    if len(cursor) != CURSOR_LENGTH or not cursor.isdigit():
        raise ValueError("分页游标无效")
    return date(int(cursor[:4]), int(cursor[4:6]), int(cursor[6:8])), cursor[8:]


def _cursor_of(declaration: ExportDeclaration) -> str:
    return declaration.ie_date.strftime("%Y%m%d") + declaration.entry_id


def _build(enterprise: models.Enterprise, heads: list[dict[str, Any]]) -> list[ExportDeclaration]:
    items: dict[object, list[DeclarationItem]] = defaultdict(list)
    rows = models.DeclarationItem.objects.filter(declaration_id__in=[h["id"] for h in heads])
    for row in rows.order_by("declaration_id", "g_no").values(*ITEM_FIELDS):
        declaration_id = row.pop("declaration_id")
        items[declaration_id].append(DeclarationItem(**row))
    owner: dict[str, Any] = {
        "trade_code": enterprise.customs_code,
        "trade_name": enterprise.name,
        "trade_co_scc": enterprise.uscc,
        "owner_code": enterprise.customs_code,
        "owner_name": enterprise.name,
    }
    result = []
    for head in heads:
        declaration_id = head.pop("id")
        result.append(ExportDeclaration(**head, **owner, items=tuple(items[declaration_id])))
    return result


def declaration_page(
    enterprise: models.Enterprise, date_from: date, date_to: date, cursor: str, limit: int
) -> tuple[list[ExportDeclaration], str]:
    """Export declarations with 出口日期 in [date_from, date_to] after ``cursor``."""
    query = models.Declaration.objects.filter(
        enterprise=enterprise, ie_flag="E", ie_date__gte=date_from, ie_date__lte=date_to
    )
    after = parse_cursor(cursor)
    if after is not None:
        day, entry_id = after
        query = query.filter(Q(ie_date__gt=day) | Q(ie_date=day, entry_id__gt=entry_id))
    limit = max(1, min(limit, MAX_PAGE))
    heads = list(query.order_by("ie_date", "entry_id").values(*HEAD_FIELDS)[: limit + 1])
    more = len(heads) > limit
    declarations = _build(enterprise, heads[:limit])
    return declarations, _cursor_of(declarations[-1]) if more else ""


def declaration_by_number(enterprise: models.Enterprise, entry_id: str) -> ExportDeclaration | None:
    heads = list(
        models.Declaration.objects.filter(enterprise=enterprise, entry_id=entry_id).values(
            *HEAD_FIELDS
        )
    )
    return _build(enterprise, heads)[0] if heads else None


def manuals(enterprise: models.Enterprise, manual_no: str = "") -> Iterator[Manual]:
    query = enterprise.manuals.order_by("manual_no")
    if manual_no:
        query = query.filter(manual_no=manual_no)
    for manual in query:
        records = tuple(
            ManualRecord(
                ie_flag=r.ie_flag, entry_id=r.entry_id, g_no=r.g_no, trade_mode=r.trade_mode,
                ie_date=r.ie_date, amount_cny=r.amount_cny, code_ts=r.code_ts,
            )
            for r in manual.records.order_by("ie_date", "entry_id", "g_no")
        )  # fmt: skip
        yield Manual(
            manual_no=manual.manual_no,
            trade_code=enterprise.customs_code,
            manual_type=manual.manual_type,
            valid_from=manual.valid_from,
            valid_to=manual.valid_to,
            planned_import_total=manual.planned_import_total,
            planned_export_total=manual.planned_export_total,
            status=manual.status,
            writeoff_date=manual.writeoff_date,
            records=records,
        )


def amendments(enterprise: models.Enterprise, date_from: date, date_to: date) -> list[Amendment]:
    rows = models.Amendment.objects.filter(
        item__declaration__enterprise=enterprise,
        amend_date__gte=date_from,
        amend_date__lte=date_to,
    ).select_related("item__declaration")
    return [
        Amendment(
            entry_id=row.item.declaration.entry_id, g_no=row.item.g_no,
            amend_date=row.amend_date, reason=row.reason,
            old_code_ts=row.old_code_ts, new_code_ts=row.new_code_ts,
            old_qty=row.old_qty, new_qty=row.new_qty,
            old_fob_usd=row.old_fob_usd, new_fob_usd=row.new_fob_usd,
            old_fob_cny=row.old_fob_cny, new_fob_cny=row.new_fob_cny,
        )
        for row in rows.order_by("amend_date", "id")
    ]  # fmt: skip


def returns(enterprise: models.Enterprise, date_from: date, date_to: date) -> list[ReturnRecord]:
    rows = models.ReturnRecord.objects.filter(
        item__declaration__enterprise=enterprise,
        return_date__gte=date_from,
        return_date__lte=date_to,
    ).select_related("item__declaration")
    return [
        ReturnRecord(
            entry_id=row.item.declaration.entry_id, g_no=row.item.g_no,
            return_date=row.return_date, certificate_no=row.certificate_no,
            quantity=row.quantity, fob_usd=row.fob_usd, fob_cny=row.fob_cny,
            withdrawn=row.withdrawn,
        )
        for row in rows.order_by("return_date", "id")
    ]  # fmt: skip
