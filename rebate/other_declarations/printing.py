"""打印其他申报报表: a batch's form as printed — one table per wire section, each with its own
columns (a 管理类别评定 batch carries two reports with different fields), coded values shown by
their labels; the reports' long-form text laid out 项目 | 内容, one block per report (A4
portrait), the other forms a row per record (A4 landscape)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist

from rebate.accounts.models import Enterprise
from rebate.declarations.sources import RecordTypeSource
from rebate.integrations.wire.package import business as wire_business

from . import KEY, RATING

if TYPE_CHECKING:
    from rebate.declarations.models import DeclarationBatch

# The businesses printed as long-form reports (项目 | 内容) rather than a row per record
REPORTS = {RATING}


def _shown(row: Any, attr: str, value: object) -> object:
    """A coded value as its label (场地权属 1 → 自有), as the form's page shows it."""
    try:
        field = row._meta.get_field(attr)
    except FieldDoesNotExist:
        return value
    if field.choices and value not in ("", None):
        return getattr(row, f"get_{attr}_display")()
    return value


def print_sheet(enterprise: Enterprise, batch: DeclarationBatch) -> dict[str, Any]:
    """The batch's rows from the same mapping the package uses, section by section."""
    spec = wire_business(batch.business_code)
    source = RecordTypeSource(KEY, spec.code)
    models: dict[str, Any] = {m._meta.label: m for m in source.models()}
    tables: list[dict[str, Any]] = []
    titles: list[str] = []
    for section in source.sections():
        fields = spec.section(section.name).record.fields
        rows = []
        for row in (
            models[section.model]
            ._default_manager.filter(enterprise=enterprise, declaration_batch_id=batch.pk)
            .order_by("sequence_no", "id")
        ):
            values = section.to_wire(row)
            rows.append(
                [
                    (
                        _shown(row, f.attr, values.get(f.attr, "")),
                        isinstance(values.get(f.attr), Decimal),
                    )
                    for f in fields
                ]
            )
        labels = [f.label for f in fields]
        items = [
            [(label, cell, num) for label, (cell, num) in zip(labels, row, strict=True)]
            for row in rows
        ]
        titles.append(section.label)
        tables.append({"title": section.label, "columns": labels, "rows": rows, "items": items})
    return {
        "form_title": "、".join(titles) or spec.label,
        "tables": tables,
        "report": spec.code in REPORTS,
        # a row per record has up to 20 columns: on A4 landscape, or 报关单号 and dates break
        "landscape": spec.code not in REPORTS,
    }
