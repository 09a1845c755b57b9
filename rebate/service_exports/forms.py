"""The services forms (yellow required / grey computed / white optional)."""

from __future__ import annotations

from typing import Any

from rebate.core.forms import ConventionModelForm

from . import models

EXCLUDE = ("enterprise", "status", "declaration_batch_id")


def record_form(model: type, computed: tuple[str, ...] = ()) -> Any:
    meta = type("Meta", (), {"model": model, "exclude": EXCLUDE})
    attrs = {"Meta": meta, "computed_fields": computed}
    return type(f"{model.__name__}Form", (ConventionModelForm,), attrs)


TransportLineForm = record_form(models.TransportLine, ("non_creditable", "exempt_credit_refund"))
SpaceBillForm = record_form(models.SpaceBill)
PassengerLetterForm = record_form(models.PassengerLetter)
RailFreightForm = record_form(models.RailFreight)
TaxableServiceForm = record_form(models.TaxableService, ("difference_tax", "refund"))
ServiceReceiptForm = record_form(models.ServiceReceipt)
