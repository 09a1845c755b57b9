"""The services forms, each declared once (TS-13…TS-17)."""

from __future__ import annotations

import django_filters as filters
from django.forms import TextInput

from rebate.core.records import RecordType, register
from rebate.goods.batch import BatchServices, read_only_reason
from rebate.goods.filters import PeriodFilterSet, period_filter

from . import forms, models, services, tables

NS = "service_exports"


def batch_record(model: type, title: str, service: BatchServices, **kw: object) -> RecordType:
    options: dict[str, object] = {
        "namespace": NS, "title": title, "filterset": period_filter(model),
        "create": service.create, "update": service.update, "delete": service.delete,
        "create_many": service.create_many, "update_many": service.update_many,
        "read_only_reason": read_only_reason, "bulk_exclude": ("sequence_no",), **kw,
    }  # fmt: skip
    return register(RecordType(model=model, **options))  # type: ignore[arg-type]


class ServiceReceiptFilter(PeriodFilterSet):
    taxable_service = filters.NumberFilter(
        label="跨境应税行为",
        field_name="taxable_service_id",
        widget=TextInput(attrs={"inputmode": "numeric"}),  # no browser-language bubble
    )

    class Meta:
        model = models.ServiceReceipt
        fields: list[str] = []


transport_line = batch_record(
    models.TransportLine, "国际/港澳台运输", services.transport_line,
    table=tables.TransportLineTable, form=forms.TransportLineForm, spec=("TS-13",),
)  # fmt: skip
space_bill = batch_record(
    models.SpaceBill, "航天运输收入清算账单", services.space_bill,
    table=tables.SpaceBillTable, form=forms.SpaceBillForm, spec=("TS-14",),
)  # fmt: skip
passenger_letter = batch_record(
    models.PassengerLetter, "国际旅客/行李包裹运输清算函件", services.passenger_letter,
    table=tables.PassengerLetterTable, form=forms.PassengerLetterForm, spec=("TS-15",),
)  # fmt: skip
rail_freight = batch_record(
    models.RailFreight, "中国铁路总公司国际货物明细", services.rail_freight,
    table=tables.RailFreightTable, form=forms.RailFreightForm, spec=("TS-16",),
)  # fmt: skip
taxable_service = batch_record(
    models.TaxableService, "应税服务", services.taxable_service,
    table=tables.TaxableServiceTable, form=forms.TaxableServiceForm, spec=("TS-17",),
    related=(("收讫营业款明细清单", "service_exports:servicereceipt_list", "taxable_service"),),
)  # fmt: skip
# Its parent is chosen from the enterprise's own lines; no import (the parent is not a cell).
service_receipt = batch_record(
    models.ServiceReceipt, "收讫营业款明细清单", services.service_receipt,
    table=tables.ServiceReceiptTable, form=forms.ServiceReceiptForm, spec=("TS-17",),
    filterset=ServiceReceiptFilter, select_related=("taxable_service",),
    actions=("list", "add", "detail", "edit", "delete", "export", "bulk_edit"),
)  # fmt: skip

RECORDS = (transport_line, space_bill, passenger_letter, rail_freight, taxable_service,
           service_receipt)  # fmt: skip
