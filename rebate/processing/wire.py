"""Each form's record on the wire (the specs: rebate.integrations.wire.package.processing)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rebate.integrations.wire.package.processing import (
    ADJUSTMENT_SECTION,
    CHANGE_SECTION,
    FILING_SECTION,
    SPECS,
    WRITEOFF_SECTION,
)

__all__ = [
    "ADJUSTMENT_SECTION", "CHANGE_SECTION", "FILING_SECTION", "SPECS", "WRITEOFF_SECTION",
    "adjustment", "change", "filing", "writeoff",
]  # fmt: skip


def _fields(row: Any, names: tuple[str, ...]) -> dict[str, object]:
    return {"line_no": row.sequence_no, **{name: getattr(row, name) for name in names}}


def filing(row: Any) -> Mapping[str, object]:
    names = ("manual_no", "planned_imports", "planned_exports", "planned_rate", "valid_from")
    return _fields(row, names)


def change(row: Any) -> Mapping[str, object]:
    values = _fields(row, ("manual_no", "previous_rate", "new_rate", "valid_from", "reason"))
    return {k: v for k, v in values.items() if v not in (None, "")}


def writeoff(row: Any) -> Mapping[str, object]:
    return _fields(row, (
        "manual_no", "start_date", "end_date", "import_total", "export_total", "actual_rate",
        "declared_exports", "refund_adjustment", "non_creditable_adjustment",
    ))  # fmt: skip


def adjustment(row: Any) -> Mapping[str, object]:
    names = ("manual_no", "direction", "entry_id", "g_no", "trade_mode", "amount_cny", "reason")
    return _fields(row, names)
