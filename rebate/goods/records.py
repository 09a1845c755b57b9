"""The goods forms, each declared once: model + table + filters + form + services."""

from __future__ import annotations

from rebate.core.records import READ_ACTIONS, RecordType, register

from . import access, forms, models, services, tables
from .batch import BatchServices, read_only_reason
from .filters import ExportLineFilter, period_filter

NS = "goods"


def batch_record(model: type, title: str, service: BatchServices, **kw: object) -> RecordType:
    """A form of the A0305001 bundle: its services, read-only inside a batch, a period filter."""
    options: dict[str, object] = {
        "namespace": NS,
        "title": title,
        "filterset": period_filter(model),
        "create": service.create,
        "update": service.update,
        "delete": service.delete,
        "create_many": service.create_many,
        "update_many": service.update_many,
        "read_only_reason": read_only_reason,
        "bulk_exclude": ("sequence_no",),
        **kw,
    }
    return register(RecordType(model=model, **options))  # type: ignore[arg-type]


export_line = batch_record(
    models.ExportLine, "出口货物明细采集", services.export_line,
    table=tables.ExportLineTable, form=forms.ExportLineForm, filterset=ExportLineFilter,
    create_many=services.imported_lines.create_many, delete=services.export_line_delete,
    default_columns=tables.EXPORT_LINE_DEFAULT, spec=("TS-01", "TS-02", "TS-03", "TS-04"),
    bulk_exclude=("sequence_no", "item_key"),
)  # fmt: skip
# 货物冲减 lists the declared lines; its one action, 冲减出口, is goods.views.write_back.
write_back = RecordType(
    model=models.ExportLine, namespace=NS, title="货物冲减", name="writeback",
    table=tables.WriteBackTable, form=forms.ExportLineForm, filterset=ExportLineFilter,
    scope={"status": "declared", "reverses__isnull": True}, actions=("list", "export"),
    extra_actions=(("冲减出口", "goods:writeback_apply"),), spec=("TS-05", "TS-06"),
)  # fmt: skip
code_adjustment = batch_record(
    models.CodeAdjustment, "商品码失效调整", services.code_adjustment,
    table=tables.CodeAdjustmentTable, form=forms.CodeAdjustmentForm, spec=("TS-07",),
)  # fmt: skip
fob_difference = batch_record(
    models.FobDifference, "美元离岸价差异", services.fob_difference,
    table=tables.FobDifferenceTable, form=forms.FobDifferenceForm, spec=("TS-08",),
)  # fmt: skip
refund_first = batch_record(
    models.RefundFirst, "先退税后核销", services.refund_first,
    table=tables.RefundFirstTable, form=forms.RefundFirstForm, spec=("TS-09",),
    unavailable_reason=access.refund_first_unavailable,
)  # fmt: skip
receipt = batch_record(
    models.Receipt, "收汇证明", services.receipt,
    table=tables.ReceiptTable, form=forms.ReceiptForm, spec=("TS-10",),
    unavailable_reason=access.receipts_unavailable,
)  # fmt: skip
non_receipt = batch_record(
    models.NonReceipt, "不能收汇证明", services.non_receipt,
    table=tables.NonReceiptTable, form=forms.NonReceiptForm, spec=("TS-11",),
    unavailable_reason=access.receipts_unavailable,
)  # fmt: skip
deemed_own_product = batch_record(
    models.DeemedOwnProduct, "视同自产货物清单", services.deemed_own_product,
    table=tables.DeemedOwnProductTable, form=forms.DeemedOwnProductForm, spec=("TS-12",),
)  # fmt: skip

RECORDS = (
    export_line, write_back, code_adjustment, fob_difference, refund_first, receipt,
    non_receipt, deemed_own_product,
)  # fmt: skip
__all__ = ["READ_ACTIONS", "RECORDS"]
