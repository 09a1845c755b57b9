"""The forms of the 其他申报 pages (UI conventions of core.forms; computed columns grey)."""

from __future__ import annotations

from typing import Any

from django.db import models as db
from django.utils import timezone

from rebate.core.forms import ConventionModelForm

from . import models

EXCLUDE = ("enterprise", "status", "declaration_batch_id")


class OtherForm(ConventionModelForm):
    """A new record opens on this month's 所属期."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.pk and "period" in self.fields:
            self.initial.setdefault("period", timezone.localdate().strftime("%Y%m"))


def model_form(model: type[db.Model], *computed: str) -> type[OtherForm]:
    """The form of ``model``: every field the clerk fills, ``computed`` ones shown grey."""
    meta = type("Meta", (), {"model": model, "exclude": EXCLUDE})
    name = f"{model.__name__}Form"
    return type(name, (OtherForm,), {"Meta": meta, "computed_fields": computed})


ProceedsReceiptForm = model_form(
    models.ProceedsReceipt, "export_date", "currency", "transaction_total", "receipt_deadline"
)
InfoQueryForm = model_form(models.InfoQuery)
NoInfoDeclarationForm = model_form(models.NoInfoDeclaration, "declaration_deadline")
SelfUseGoodsForm = model_form(models.SelfUseGoods, "tax_amount", "refund")
UsedEquipmentForm = model_form(models.UsedEquipment, "net_value", "tax_basis", "refund")
NonOwnProductForm = model_form(models.NonOwnProduct, "refund")
CapacityReportForm = model_form(models.CapacityReport)
RiskControlReportForm = model_form(models.RiskControlReport)
