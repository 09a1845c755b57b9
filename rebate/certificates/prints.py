"""打印单证申报报表 (DZ-08): each collected 申请表 printed before it is generated, laid out like
the paper form (label and value in two columns), one template for preview and PDF."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from rebate.accounts.models import Enterprise
from rebate.declarations.families import PrintForm

from . import models, wire

TEMPLATE = "certificates/print/application.html"


def _text(row: models.Certificate, name: str) -> tuple[str, bool]:
    value = getattr(row, name)
    display = getattr(row, f"get_{name}_display", None)
    if display is not None:
        return str(display()), False
    if value is None:
        return "", False
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}", False
    return str(value), isinstance(value, Decimal)


def sheet(enterprise: Enterprise, row: Any) -> Mapping[str, Any]:
    """The form's title and its fields (the model's field list) two to a line."""
    kind = wire.BY_MODEL[type(row)]
    cells = []
    for name, _ in (*row.FIELDS, *row.TAIL):
        text, num = _text(row, name)
        cells.append((str(row._meta.get_field(name).verbose_name), text, num))
    pairs = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    return {
        "form_title": f"{kind.label}申请表",
        "record": row,
        "pairs": pairs,
        "source": f"申报业务：{kind.code} {kind.short_name}",
    }


PRINT_FORMS = tuple(
    PrintForm(
        k.name, f"{k.label}申请表", TEMPLATE, sheet, record=f"certificates.{k.model.__name__}"
    )
    for k in wire.BUSINESSES
)
