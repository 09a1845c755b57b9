"""List tables of the services forms (also the 批量导出 columns)."""

from __future__ import annotations

from rebate.core.tables import record_table

from . import models

PERIOD = ("period", "sequence_no")
SETTLEMENT = ("counterparty", "currency", "amount", "amount_usd", "amount_cny", "status")
TransportLineTable = record_table(
    models.TransportLine,
    (*PERIOD, "transport_kind", "conveyance", "departure", "destination", "transport_date",
     "invoice_no", "turnover_usd", "turnover_cny", "taxable_cny", "levy_rate", "rebate_rate",
     "non_creditable", "exempt_credit_refund", "status"),
)  # fmt: skip
SpaceBillTable = record_table(
    models.SpaceBill, (*PERIOD, "bill_no", "bill_date", "mission", *SETTLEMENT)
)
PassengerLetterTable = record_table(
    models.PassengerLetter,
    (*PERIOD, "letter_no", "letter_date", "business_kind", "settlement_month", *SETTLEMENT),
)
RailFreightTable = record_table(
    models.RailFreight,
    (*PERIOD, "waybill_no", "shipped_on", "from_station", "to_station", "goods_name", "weight",
     "freight_usd", "freight_cny", "status"),
)  # fmt: skip
TaxableServiceTable = record_table(
    models.TaxableService,
    (*PERIOD, "contract_no", "overseas_party", "service_name", "invoice_no", "received_usd",
     "taxable_cny", "levy_rate", "rebate_rate", "difference_tax", "refund", "status"),
)  # fmt: skip
ServiceReceiptTable = record_table(
    models.ServiceReceipt,
    (*PERIOD, "taxable_service", "voucher_no", "received_on", "currency", "amount",
     "amount_usd", "payer", "status"),
)  # fmt: skip
