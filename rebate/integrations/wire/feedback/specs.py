"""Field tables of the bureau feedback format ``urn:ckts:wire:bureau:1`` (version 1.0)."""

from __future__ import annotations

from typing import Final

from ..spec import Field, Kind, RecordSpec

NAMESPACE: Final = "urn:ckts:wire:bureau:1"
VERSION: Final = "1.0"
SCHEMA: Final = "bureau-feedback-1.0.xsd"

A, D, R = Kind.AMOUNT, Kind.DATE, Kind.RATE

DOUBT: Final = RecordSpec(
    "Doubt",
    "疑点",
    (
        Field("YDCODE", "code", label="疑点代码", required=True, max_length=60),
        Field("ERR_LEV", "level", label="疑点级别（E/I）", required=True, pattern="[EI]"),
        Field("PASS_FLAG", "skippable", Kind.FLAG, "可挑过标志（1=可挑过）", required=True),
        Field("ERR_MSG", "message", label="疑点描述", required=True, max_length=1000),
        Field("GLB", "table", label="关联表", required=True, max_length=20),
        Field("SBXH", "line_no", label="申报序号", max_length=20),
        Field("CKBGDH", "item_key", label="出口报关单号", max_length=21),
    ),
)

REVIEW_RESULT: Final = RecordSpec(
    "Declaration",
    "审核结果",
    (
        Field("ReceiptNo", "receipt_no", label="受理回执号", required=True, max_length=40),
        Field("BusinessCode", "business_code", label="申报业务表代码", required=True,
              max_length=8),
        Field("Period", "period", label="所属期（YYYYMM）或申报年（YYYY）；无所属期的业务不填",
              pattern="[0-9]{4}((0[1-9]|1[0-2]))?"),
        Field("Result", "result", label="审核结果", required=True, max_length=10),
        Field("LineCount", "line_count", Kind.INT, "明细行数", required=True),
        Field("FobUsdTotal", "fob_usd_total", A, "美元离岸价合计", required=True),
        Field("FobCnyTotal", "fob_cny_total", A, "人民币离岸价合计", required=True),
        Field("ReviewedOn", "reviewed_on", D, "审核日期"),
        Field("ExemptCreditRefund", "exempt_credit_refund", A, "免抵退税额"),
        Field("Refund", "refund", A, "应退税额"),
        Field("ExemptCredit", "exempt_credit", A, "免抵税额"),
        Field("Reasons", "reasons", label="退回原因；审核调整时为调整原因", max_length=2000),
        Field("Adjustment", "adjustment", A, "审核调整额（核准应退税额−申报应退税额）"),
    ),
)  # fmt: skip

REVIEWED_LINE: Final = RecordSpec(
    "Line",
    "已申报明细",
    (
        Field("SBXH", "line_no", label="申报序号", required=True, max_length=20),
        # A 证明 line (证明类 A02xxxxx) carries the 证明编号 the bureau issued instead
        Field(
            "CKBGDH",
            "item_key",
            label="出口报关单号（21位）；证明类业务为开具的证明编号",
            required=True,
            pattern="[0-9]{21}|[0-9A-Z]{1,20}",
        ),
        Field("CKSL", "quantity", Kind.QUANTITY, "出口数量", required=True),
        Field("MYLAJ", "fob_usd", A, "美元离岸价", required=True),
        Field("RMBLAJ", "fob_cny", A, "人民币离岸价", required=True),
        Field("MDTSE", "exempt_credit_refund", A, "免抵退税额"),
    ),
)

MANUAL_FEEDBACK: Final = RecordSpec(
    "Manual",
    "进料加工手（账）册实际分配率",
    (
        Field("ManualNo", "manual_no", label="手（账）册号", required=True, max_length=12),
        Field("ValidFrom", "valid_from", D, "核销起始日期", required=True),
        Field("ValidTo", "valid_to", D, "核销截止日期", required=True),
        Field("WriteoffDate", "writeoff_date", D, "海关核销日期", required=True),
        Field("ImportTotal", "import_total", A, "进口总值", required=True),
        Field("ExportTotal", "export_total", A, "出口总值", required=True),
        Field("ActualRate", "actual_rate", R, "实际分配率", required=True),
    ),
)

MANUAL_RECORD: Final = RecordSpec(
    "Record",
    "海关加贸数据（按监管方式）",
    (
        Field("Direction", "direction", label="进出口标志", required=True, pattern="[IE]"),
        Field("EntryId", "entry_id", label="报关单号", pattern="[0-9]{18}"),
        Field("GNo", "g_no", Kind.INT, "项号"),
        Field("TradeMode", "trade_mode", label="监管方式", required=True, pattern="[0-9]{4}"),
        Field("AmountCny", "amount_cny", A, "金额（人民币）", required=True),
    ),
)

FILING: Final = RecordSpec(
    "Filing",
    "备案信息",
    (
        Field("BusinessCode", "business_code", label="申报业务表代码", required=True,
              max_length=8),
        Field("ShortName", "short_name", label="业务简称", required=True, max_length=10),
        Field("FiledOn", "filed_on", D, "备案日期", required=True),
        Field("Status", "status", label="状态", required=True, max_length=10),
        Field("Summary", "summary", label="内容摘要", max_length=500),
        Field("PlannedAllocationRate", "planned_allocation_rate", R, "计划分配率"),
        Field("Category", "category", label="分类管理类别", pattern="[1-4]"),
    ),
)  # fmt: skip
