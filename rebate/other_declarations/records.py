"""The eight forms of 其他申报, each declared once: model, table, form, services and the wire
section its rows travel in; each joins the batches of its own business of the family."""

from __future__ import annotations

from functools import partial
from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from rebate.accounts.models import Enterprise
from rebate.core.batch import batch_record
from rebate.core.tables import record_table

from . import (
    INFO_QUERY,
    KEY,
    NO_INFO,
    NON_OWN,
    PROCEEDS,
    RATING,
    SELF_USE,
    USED_EQUIPMENT,
    forms,
    models,
    services,
    wire,
)

FOURTH_CLASS = "4"
FOURTH_CLASS_ELSEWHERE = (
    "本企业为四类企业，《出口货物收汇情况表》随免抵退税申报报送，"
    "请在 退税申报 › 货物采集 › 收汇情况采集 › 收汇证明 中采集。"
)


def proceeds_unavailable(enterprise: Enterprise) -> str:
    """一至三类 enterprises keep the 收汇情况表 here; 四类 file it with 免抵退 (goods TS-10)."""
    return FOURTH_CLASS_ELSEWHERE if enterprise.category == FOURTH_CLASS else ""


class ProceedsStateColumn(tables.Column):  # type: ignore[misc]
    def render(self, value: Any) -> Any:
        if value == "逾期未收汇":
            return format_html(
                '<span class="text-danger fw-bold proceeds-overdue">{}</span>', value
            )
        return value


ProceedsTable = record_table(
    models.ProceedsReceipt,
    (
        "period",
        "sequence_no",
        "entry_id",
        "export_date",
        "currency",
        "transaction_total",
        "received_on",
        "receipt_currency",
        "receipt_amount",
        "deemed_reason",
        "receipt_deadline",
        "status",
    ),
    proceeds_state=ProceedsStateColumn(
        verbose_name="收汇状态", accessor="proceeds_state", orderable=False
    ),
)

form = partial(batch_record, namespace=KEY, family=KEY)

receipt = form(
    models.ProceedsReceipt,
    "收汇情况",
    services.proceeds,
    business=PROCEEDS,
    name="receipt",
    table=ProceedsTable,
    form=forms.ProceedsReceiptForm,
    spec=("QT-01",),
    unavailable_reason=proceeds_unavailable,
    wire_section="CKSH",
    wire_title="出口货物收汇情况表",
    to_wire=wire.proceeds,
)
info_query = form(
    models.InfoQuery,
    "出口信息查询",
    services.info_query,
    business=INFO_QUERY,
    name="infoquery",
    table=record_table(
        models.InfoQuery,
        (
            "period",
            "sequence_no",
            "doc_kind",
            "doc_no",
            "doc_date",
            "amount",
            "reason",
            "info_status",
            "status",
        ),
    ),
    form=forms.InfoQueryForm,
    spec=("QT-02",),
    wire_section="XXCX",
    wire_title="出口退（免）税信息查询申请表",
    to_wire=wire.info_query,
)
no_info = form(
    models.NoInfoDeclaration,
    "无电子信息申报",
    services.no_info,
    business=NO_INFO,
    name="noinfo",
    table=record_table(
        models.NoInfoDeclaration,
        (
            "period",
            "sequence_no",
            "entry_id",
            "export_date",
            "commodity_code",
            "export_amount",
            "reason",
            "declaration_deadline",
            "extended_to",
            "status",
        ),
    ),
    form=forms.NoInfoDeclarationForm,
    spec=("QT-03",),
    wire_section="WDZXX",
    wire_title="无相关电子信息申报表",
    to_wire=wire.no_info,
)
self_use = form(
    models.SelfUseGoods,
    "购进自用货物",
    services.self_use,
    business=SELF_USE,
    name="selfuse",
    table=record_table(
        models.SelfUseGoods,
        (
            "period",
            "sequence_no",
            "goods_name",
            "invoice_no",
            "invoice_date",
            "taxable_amount",
            "levy_rate",
            "tax_amount",
            "refund",
            "confirmed_refund",
            "status",
        ),
    ),
    form=forms.SelfUseGoodsForm,
    spec=("QT-04",),
    wire_section="GJZY",
    wire_title="购进自用货物退税申报表",
    to_wire=wire.self_use,
)
used_equipment = form(
    models.UsedEquipment,
    "出口已使用设备",
    services.used_equipment,
    business=USED_EQUIPMENT,
    name="usedequipment",
    table=record_table(
        models.UsedEquipment,
        (
            "period",
            "sequence_no",
            "equipment_name",
            "entry_id",
            "export_date",
            "taxable_amount",
            "original_value",
            "accumulated_depreciation",
            "net_value",
            "tax_basis",
            "rebate_rate",
            "refund",
            "confirmed_refund",
            "status",
        ),
    ),
    form=forms.UsedEquipmentForm,
    spec=("QT-05",),
    wire_section="YSSB",
    wire_title="出口已使用过的设备退税申报表",
    to_wire=wire.used_equipment,
)
non_own = form(
    models.NonOwnProduct,
    "出口非自产货物",
    services.non_own,
    business=NON_OWN,
    name="nonownproduct",
    table=record_table(
        models.NonOwnProduct,
        (
            "period",
            "sequence_no",
            "voucher_no",
            "invoice_date",
            "commodity_name",
            "taxable_amount",
            "levy_rate",
            "tax_amount",
            "refund",
            "confirmed_refund",
            "entry_id",
            "status",
        ),
    ),
    form=forms.NonOwnProductForm,
    spec=("QT-06",),
    wire_section="FZCHW",
    wire_title="出口非自产货物退消费税申报表",
    to_wire=wire.non_own,
)
capacity_report = form(
    models.CapacityReport,
    "生产能力情况报告",
    services.capacity_report,
    business=RATING,
    name="capacityreport",
    table=record_table(
        models.CapacityReport,
        (
            "period",
            "sequence_no",
            "report_year",
            "contact",
            "staff_count",
            "last_year_output",
            "status",
        ),
    ),
    form=forms.CapacityReportForm,
    spec=("QT-07",),
    wire_section="SCNL",
    wire_title="生产能力情况报告",
    to_wire=wire.capacity_report,
)
risk_control_report = form(
    models.RiskControlReport,
    "内部风控体系建设情况报告",
    services.risk_control_report,
    business=RATING,
    name="riskcontrolreport",
    table=record_table(
        models.RiskControlReport, ("period", "sequence_no", "report_year", "contact", "status")
    ),
    form=forms.RiskControlReportForm,
    spec=("QT-08",),
    wire_section="FKTX",
    wire_title="内部风控体系建设情况报告",
    to_wire=wire.risk_control_report,
)

RECORDS = (
    receipt,
    info_query,
    no_info,
    self_use,
    used_equipment,
    non_own,
    capacity_report,
    risk_control_report,
)
