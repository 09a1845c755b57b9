"""List tables of 出口发票 and 收汇记录."""

from __future__ import annotations

from rebate.core.tables import RecordTable

from .models import ExportInvoice, ForeignReceipt


class ExportInvoiceTable(RecordTable):
    detail_url_name = "matching:exportinvoice_detail"

    class Meta(RecordTable.Meta):
        model = ExportInvoice
        fields = (
            "selection", "invoice_no", "issued_on", "buyer", "buyer_country", "currency",
            "amount", "contract_no", "note",
        )  # fmt: skip


class ForeignReceiptTable(RecordTable):
    detail_url_name = "matching:foreignreceipt_detail"

    class Meta(RecordTable.Meta):
        model = ForeignReceipt
        fields = (
            "selection", "received_on", "payer", "payer_country", "currency", "amount",
            "bank_reference", "voucher_no", "note",
        )  # fmt: skip
