"""The services forms, each declared once (TS-13…TS-17), and the 免抵退 (A0305001) batches
their rows join with their wire section."""

from __future__ import annotations

from functools import partial

import django_filters as filters
from django.forms import TextInput

from rebate.core.batch import batch_record
from rebate.core.filters import PeriodFilterSet

from . import forms, models, services, tables, wire

NS = "service_exports"
FAMILY, BUSINESS = "mdt", "A0305001"  # 免抵退税申报 (rebate.declarations.families)

# A form of the A0305001 bundle. Registration order is the order of the family's package
# sections and print forms (rebate.declarations.sources).
bundle_form = partial(batch_record, namespace=NS, family=FAMILY, business=BUSINESS)


class ServiceReceiptFilter(PeriodFilterSet):
    taxable_service = filters.NumberFilter(
        label="跨境应税行为",
        field_name="taxable_service_id",
        widget=TextInput(attrs={"inputmode": "numeric"}),  # no browser-language bubble
    )

    class Meta:
        model = models.ServiceReceipt
        fields: list[str] = []


taxable_service = bundle_form(
    models.TaxableService, "应税服务", services.taxable_service,
    table=tables.TaxableServiceTable, form=forms.TaxableServiceForm, spec=("TS-17",),
    related=(("收讫营业款明细清单", "service_exports:servicereceipt_list", "taxable_service"),),
    wire_section="YFSJ", wire_title="跨境应税行为免抵退税申报明细表",
    to_wire=wire.taxable_service,
)  # fmt: skip
# Its parent is chosen from the enterprise's own lines; no import (the parent is not a cell).
service_receipt = bundle_form(
    models.ServiceReceipt, "收讫营业款明细清单", services.service_receipt,
    table=tables.ServiceReceiptTable, form=forms.ServiceReceiptForm, spec=("TS-17",),
    filterset=ServiceReceiptFilter, select_related=("taxable_service",),
    actions=("list", "add", "detail", "edit", "delete", "export", "bulk_edit"),
    wire_section="SYYK", to_wire=wire.service_receipt,
)  # fmt: skip
transport_line = bundle_form(
    models.TransportLine, "国际/港澳台运输", services.transport_line,
    table=tables.TransportLineTable, form=forms.TransportLineForm, spec=("TS-13",),
    wire_section="GJYS", wire_title="国际运输（港澳台运输）免抵退税申报明细表",
    to_wire=wire.transport,
)  # fmt: skip
space_bill = bundle_form(
    models.SpaceBill, "航天运输收入清算账单", services.space_bill,
    table=tables.SpaceBillTable, form=forms.SpaceBillForm, spec=("TS-14",),
    wire_section="HKYSQS", to_wire=wire.settlement("zdh"),
)  # fmt: skip
passenger_letter = bundle_form(
    models.PassengerLetter, "国际旅客/行李包裹运输清算函件", services.passenger_letter,
    table=tables.PassengerLetterTable, form=forms.PassengerLetterForm, spec=("TS-15",),
    wire_section="KYHJ", to_wire=wire.settlement("hjh"),
)  # fmt: skip
rail_freight = bundle_form(
    models.RailFreight, "中国铁路总公司国际货物明细", services.rail_freight,
    table=tables.RailFreightTable, form=forms.RailFreightForm, spec=("TS-16",),
    wire_section="TLHY", wire_title="中国铁路总公司国际货物运输明细", to_wire=wire.rail,
)  # fmt: skip

RECORDS = (transport_line, space_bill, passenger_letter, rail_freight, taxable_service,
           service_receipt)  # fmt: skip
