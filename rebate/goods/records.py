"""The goods forms, each declared once: model + table + filters + form + services, and the
免抵退 (A0305001) batches their rows join with their wire section."""

from __future__ import annotations

from functools import partial

from rebate.calc.mdt.names import detail_form_name
from rebate.core.batch import batch_record
from rebate.core.records import READ_ACTIONS, RecordType

from . import access, forms, models, services, tables, wire
from . import deadlines as line_deadlines
from .filters import ExportLineFilter, GoodsPeriodFilterSet

NS = "goods"
FAMILY, BUSINESS = "mdt", "A0305001"  # 免抵退税申报 (rebate.declarations.families)

# A form of the A0305001 bundle. Registration order is the order of the family's package
# sections and print forms (rebate.declarations.sources).
bundle_form = partial(
    batch_record, namespace=NS, family=FAMILY, business=BUSINESS, filter_base=GoodsPeriodFilterSet
)

export_line = bundle_form(
    models.ExportLine, "出口货物明细采集", services.export_line,
    table=tables.ExportLineTable, form=forms.ExportLineForm, filterset=ExportLineFilter,
    create_many=services.imported_lines.create_many, delete=services.export_line_delete,
    default_columns=tables.EXPORT_LINE_DEFAULT, spec=("TS-01", "TS-02", "TS-03", "TS-04"),
    bulk_exclude=("sequence_no", "item_key"), wire_section="TSSB",
    detail_facts=line_deadlines.facts, dated_title=detail_form_name,
    empty_hint="也可在「报关单采集」中勾选报关单，「数据检查」通过后点击「生成退税」生成明细。",
)  # fmt: skip
# 货物冲减 lists the declared lines; its one action, 冲减出口, is goods.views.write_back.
write_back = RecordType(
    model=models.ExportLine, namespace=NS, title="货物冲减", name="writeback",
    table=tables.WriteBackTable, form=forms.ExportLineForm, filterset=ExportLineFilter,
    scope={"status": "declared", "reverses__isnull": True}, actions=("list", "export"),
    extra_actions=(("冲减出口", "goods:writeback_apply"),), spec=("TS-05", "TS-06"),
    dated_title=detail_form_name,
    empty_hint="这里列出已申报的出口货物明细：明细在「生成退税申报数据」确认申报后才能冲减。",
)  # fmt: skip
receipt = bundle_form(
    models.Receipt, "收汇证明", services.receipt,
    table=tables.ReceiptTable, form=forms.ReceiptForm, spec=("TS-10",),
    unavailable_reason=access.receipts_unavailable, unavailable_links=access.RECEIPTS_ELSEWHERE,
    wire_section="CKSH", wire_title="出口货物收汇情况表", to_wire=wire.receipt,
)  # fmt: skip
non_receipt = bundle_form(
    models.NonReceipt, "不能收汇证明", services.non_receipt,
    table=tables.NonReceiptTable, form=forms.NonReceiptForm, spec=("TS-11",),
    unavailable_reason=access.receipts_unavailable, unavailable_links=access.RECEIPTS_ELSEWHERE,
    wire_section="BNSH", wire_title="不能收汇申报", to_wire=wire.non_receipt,
)  # fmt: skip
fob_difference = bundle_form(
    models.FobDifference, "美元离岸价差异", services.fob_difference,
    table=tables.FobDifferenceTable, form=forms.FobDifferenceForm, spec=("TS-08",),
    wire_section="CYSM", wire_title="出口货物离岸价差异原因说明表", to_wire=wire.fob_difference,
)  # fmt: skip
code_adjustment = bundle_form(
    models.CodeAdjustment, "商品码失效调整", services.code_adjustment,
    table=tables.CodeAdjustmentTable, form=forms.CodeAdjustmentForm, spec=("TS-07",),
    wire_section="HGSPTZ", wire_title="海关出口商品代码、名称、退税率调整对应表",
    to_wire=wire.code_adjustment,
)  # fmt: skip
deemed_own_product = bundle_form(
    models.DeemedOwnProduct, "视同自产货物清单", services.deemed_own_product,
    table=tables.DeemedOwnProductTable, form=forms.DeemedOwnProductForm, spec=("TS-12",),
    wire_section="STZCQD", wire_title="视同自产进货明细清单", to_wire=wire.deemed_own_product,
)  # fmt: skip
refund_first = bundle_form(
    models.RefundFirst, "先退税后核销", services.refund_first,
    table=tables.RefundFirstTable, form=forms.RefundFirstForm, spec=("TS-09",),
    unavailable_reason=access.refund_first_unavailable,
    unavailable_links=access.REFUND_FIRST_QUALIFICATION,
    wire_section="XTHH", wire_title="先退税后核销企业免抵退税申报附表", to_wire=wire.refund_first,
)  # fmt: skip

RECORDS = (
    export_line, write_back, code_adjustment, fob_difference, refund_first, receipt,
    non_receipt, deemed_own_product,
)  # fmt: skip
__all__ = ["READ_ACTIONS", "RECORDS"]
