"""货物冲减 (TS-05/06): 冲减出口 creates negative lines linked to the declared line they correct.

A 冲减 may be full or partial, but never more than what is left of the original after its
earlier 冲减 lines (quantity, USD FOB and RMB FOB each checked). The new lines carry 业务类型
HZCJ (wrong data) or HZCJ-TY (退运, goods returned) and go through the same 明细表 services, so
their computed columns come from rebate.calc with negative amounts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import Enterprise, User

from .choices import REVERSAL_TYPES, LineOrigin
from .models import ExportLine
from .selectors import declared_lines, remaining
from .services import export_line

COPIED = (
    "invoice_no", "item_key", "export_date", "agency_certificate_no", "commodity_code",
    "commodity_name", "unit", "levy_rate", "rebate_rate", "allocation_rate", "handbook_no",
    "trade_mode", "contract_no", "currency", "usd_rate", "declared_commodity_code",
    "declared_commodity_name",
)  # fmt: skip
AMOUNTS = {"quantity": "出口数量", "fob_usd": "美元离岸价", "fob_cny": "人民币离岸价"}


@dataclass(frozen=True, slots=True)
class WriteBackItem:
    """How much of one declared line to reverse (positive figures; the new line is negative)."""

    line_id: int
    quantity: Decimal
    fob_usd: Decimal
    fob_cny: Decimal


def _check(item: WriteBackItem, line: ExportLine, left: dict[str, Decimal]) -> list[str]:
    errors = []
    for name, label in AMOUNTS.items():
        value = getattr(item, name)
        if value < 0:
            errors.append(f"{line.item_key}：冲减{label}不能为负数")
        elif value > abs(left[name]):
            errors.append(f"{line.item_key}：冲减{label}{value}超过可冲减的{abs(left[name])}")
    if not any(getattr(item, name) for name in AMOUNTS):
        errors.append(f"{line.item_key}：冲减数量和金额不能全部为0")
    return errors


def _reversal(line: ExportLine, item: WriteBackItem, period: str, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(line, name) for name in COPIED}
    other = [c for c in line.business_type_codes if c not in REVERSAL_TYPES]
    data.update(
        period=period,
        quantity=-item.quantity,
        fob_usd=-item.fob_usd,
        fob_cny=-item.fob_cny,
        domestic_free_materials=Decimal(0),
        business_types=",".join([kind, *other]),
        reverses=line,
        origin=LineOrigin.WRITEBACK,
        note=f"冲减{line.period}期第{line.sequence_no}号明细",
    )
    return data


@transaction.atomic
def export_lines_write_back(
    *, enterprise: Enterprise, actor: User, period: str, kind: str, items: Sequence[WriteBackItem]
) -> list[ExportLine]:
    """冲减出口 (TS-06) for the ticked declared lines; all or nothing."""
    if kind not in REVERSAL_TYPES:
        raise ValidationError("冲减类型只能为 HZCJ 或 HZCJ-TY")
    ids = [item.line_id for item in items]
    lines = {
        line.pk: line for line in declared_lines(enterprise).select_for_update().filter(pk__in=ids)
    }
    if len(lines) != len(set(ids)) or not ids:
        raise ValidationError("只能冲减本企业已申报的出口明细")
    left = remaining(enterprise, list(lines.values()))
    errors = [e for item in items for e in _check(item, lines[item.line_id], left[item.line_id])]
    if errors:
        raise ValidationError(errors)
    rows = [_reversal(lines[item.line_id], item, period, kind) for item in items]
    created: list[ExportLine] = export_line.create_many(
        enterprise=enterprise, actor=actor, rows=rows
    )
    return created
