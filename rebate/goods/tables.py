"""List tables of the goods forms; each doubles as the 批量导出 column set."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables

from rebate.core.tables import record_table

from . import deadlines, models


class DeadlinesColumn(tables.Column):  # type: ignore[misc]
    """申报期限 of the line by rebate.calc.deadlines; the rules are read once per table."""

    def __init__(self) -> None:
        super().__init__(verbose_name="申报期限", accessor="pk", orderable=False, empty_values=())

    def render(self, record: Any, table: Any) -> str:
        if not hasattr(table, "_deadline_rules"):
            table._deadline_rules = deadlines.rules()
        return deadlines.text(deadlines.for_line(record, table._deadline_rules))

    def value(self, record: Any, table: Any) -> str:
        return self.render(record, table)


PERIOD = ("period", "sequence_no")
ExportLineTable = record_table(
    models.ExportLine,
    (*PERIOD, "item_key", "export_date", "invoice_no", "commodity_code", "commodity_name", "unit",
     "quantity", "fob_usd", "fob_cny", "customs_fob_usd", "customs_fob_cny", "levy_rate",
     "rebate_rate", "allocation_rate", "bonded_materials_price", "domestic_free_materials",
     "non_creditable", "exempt_credit_refund", "trade_mode", "handbook_no", "business_types",
     "contract_no", "rebate_month", "note", "origin", "status", "recheck_reason"),
    deadlines=DeadlinesColumn(),
)  # fmt: skip
EXPORT_LINE_DEFAULT = (
    *PERIOD, "item_key", "export_date", "commodity_code", "commodity_name", "quantity",
    "fob_usd", "fob_cny", "customs_fob_usd", "customs_fob_cny", "levy_rate", "rebate_rate",
    "non_creditable", "exempt_credit_refund", "business_types", "status", "recheck_reason",
    "deadlines",
)  # fmt: skip
WriteBackTable = record_table(
    models.ExportLine,
    (*PERIOD, "item_key", "export_date", "commodity_code", "commodity_name", "quantity",
     "fob_usd", "fob_cny", "exempt_credit_refund", "business_types"),
    detail_url_name="goods:exportline_detail",
)  # fmt: skip
CodeAdjustmentTable = record_table(
    models.CodeAdjustment,
    (*PERIOD, "item_key", "export_date", "commodity_code", "commodity_name", "rebate_rate",
     "adjusted_commodity_code", "adjusted_commodity_name", "adjusted_rebate_rate", "status"),
)  # fmt: skip
FobDifferenceTable = record_table(
    models.FobDifference,
    (*PERIOD, "invoice_no", "item_key", "invoice_fob_usd", "fob_usd", "invoice_fob_cny",
     "fob_cny", "difference_cny", "difference_rate", "explanation_required", "reason", "status"),
)  # fmt: skip
RefundFirstTable = record_table(
    models.RefundFirst,
    (*PERIOD, "item_key", "export_date", "commodity_code", "commodity_name", "fob_cny",
     "purchase_voucher_no", "purchase_amount", "input_tax", "status"),
)  # fmt: skip
ReceiptTable = record_table(
    models.Receipt,
    (*PERIOD, "item_key", "invoice_no", "sales_booked_on", "currency", "transaction_total",
     "fob_cny", "voucher_no", "received_on", "receipt_currency", "receipt_amount",
     "receipt_cny", "payer", "deemed_reason", "status"),
)  # fmt: skip
NonReceiptTable = record_table(
    models.NonReceipt,
    (*PERIOD, "item_key", "invoice_no", "currency", "transaction_total", "received_amount",
     "unreceived_amount", "unreceived_ratio", "reason_code", "reason_name", "evidence_kind",
     "status"),
)  # fmt: skip
DeemedOwnProductTable = record_table(
    models.DeemedOwnProduct,
    (*PERIOD, "business_types", "supplier_tax_id", "invoice_no", "invoice_date",
     "commodity_code", "commodity_name", "quantity", "taxable_amount", "tax_amount",
     "levy_rate", "status"),
)  # fmt: skip
