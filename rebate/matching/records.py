"""出口发票 and 收汇记录 on the record framework: list, 新建, 导入, 导出 and 暂存 come with it."""

from __future__ import annotations

from rebate.core.records import RecordType, register

from . import services
from .forms import ExportInvoiceForm, ForeignReceiptForm
from .models import ExportInvoice, ForeignReceipt
from .tables import ExportInvoiceTable, ForeignReceiptTable

NAMESPACE = "matching"

INVOICE = register(
    RecordType(
        model=ExportInvoice, namespace=NAMESPACE, title="出口发票", table=ExportInvoiceTable,
        form=ExportInvoiceForm, update=services.document_update, delete=services.document_delete,
        bulk_exclude=("invoice_no",),
    )
)  # fmt: skip
RECEIPT = register(
    RecordType(
        model=ForeignReceipt, namespace=NAMESPACE, title="收汇记录", table=ForeignReceiptTable,
        form=ForeignReceiptForm, update=services.document_update, delete=services.document_delete,
        bulk_exclude=("bank_reference",),
    )
)  # fmt: skip
RECORDS = (INVOICE, RECEIPT)
