"""The seven forms' record pages (DZ-01…DZ-07, 新建 and the rest), each a batch record of its
business: its form, table and wire section derived from the model's one field list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from rebate.core.batch import BatchServices, batch_record
from rebate.core.forms import ConventionModelForm, date_input
from rebate.core.records import RecordType
from rebate.core.tables import record_table

from . import KEY, models, validation, wire

# The list shows these of a form, after 所属期 and 申报序号 (the rest stay choosable)
LISTED = {
    models.InwardProcessing: ("manual_no", "trustee_name", "invoice_no", "fee_amount"),
    models.InwardWriteoff: ("exemption_certificate_no", "manual_no", "entry_id", "item_no",
                            "export_quantity"),
    models.CigarettePermit: ("producer_name", "plan_no", "brand", "quantity", "total_amount"),
    models.CigaretteWriteoff: ("plan_no", "entry_id", "item_no", "export_quantity",
                               "permit_no"),
    models.Agency: ("principal_name", "entry_id", "item_no", "fob_usd", "fob_cny"),
    models.ReturnedGoods: ("entry_id", "item_no", "returned_quantity", "returned_fob_cny",
                           "refund_status"),
    models.Entrusted: ("trustee_name", "agreement_no", "entry_id", "item_no", "fob_cny"),
    models.Cigarette: ("exporter_name", "brand", "quantity", "total_amount", "permit_no"),
    models.Reissue: ("original_kind", "original_no", "original_bureau"),
    models.WinningBid: ("winner_name", "tender_no", "project_name", "total_amount"),
}  # fmt: skip


# The manual's one menu entry per family member (来料加工, 卷烟证明) opens the first code's list;
# its other codes are a button away (and back)
_PERMIT, _WRITEOFF = (
    ("准予免税购进出口卷烟证明", "cigarettepermit"),
    ("出口卷烟免税核销", "cigarettewriteoff"),
)
_EXEMPTED = ("出口卷烟已免税证明", "cigarette")
LINKS = {
    "inwardprocessing": (("来料加工核销", "inwardwriteoff"),),
    "inwardwriteoff": (("来料加工免税证明", "inwardprocessing"),),
    "cigarette": (_PERMIT, _WRITEOFF),
    "cigarettepermit": (_EXEMPTED, _WRITEOFF),
    "cigarettewriteoff": (_EXEMPTED, _PERMIT),
}


def form_fields(model: type[models.Certificate]) -> tuple[str, ...]:
    return ("period", *(n for n, _ in model.FIELDS), *(n for n, _ in model.TAIL))


class CertificateForm(ConventionModelForm):
    """A 申请表's form: 所属期 and 填表日期 default to this month and today."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            today = timezone.localdate()
            self.fields["period"].initial = f"{today:%Y%m}"
            self.fields["fill_date"].initial = today
        self.fields["period"].help_text = "所属期YYYYMM（申报的年月）"


def make_form(model: type[models.Certificate]) -> type[forms.ModelForm]:  # type: ignore[type-arg]
    returned = validation.RETURNED.get(model, ())
    dates = {f.name: date_input() for f in model._meta.fields if type(f).__name__ == "DateField"}
    meta = type("Meta", (), {"model": model, "fields": form_fields(model), "widgets": dates})
    return type(
        f"{model.__name__}Form",
        (CertificateForm,),
        {"Meta": meta, "computed_fields": returned},
    )


def record(kind: wire.CertificateBusiness) -> RecordType:
    model = kind.model
    service = BatchServices(model, check=validation.check,
                            computed=validation.RETURNED.get(model, ()))  # fmt: skip
    columns = ("period", "sequence_no", *LISTED[model], "status", "certificate_no")
    return batch_record(
        model, kind.label, service, namespace=KEY, family=KEY, business=kind.code,
        name=kind.name, table=record_table(model, columns), form=make_form(model),
        wire_section=kind.section, wire_title=f"{kind.label}申请表", to_wire=wire.to_wire,
        extra_actions=tuple((label, f"{KEY}:{n}_list") for label, n in LINKS.get(kind.name, ())),
    )  # fmt: skip


RECORDS = tuple(record(kind) for kind in wire.BUSINESSES)
BY_CODE = {r.business: r for r in RECORDS}
