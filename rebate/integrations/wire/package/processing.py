"""进料加工核销's three businesses on the wire (DOMAIN §5.3, §6.1: A0307001 jlba 计划分配率备案,
A0308001 jlbg 计划分配率变更, A0306001 jlhx 免抵退核销 with its 海关数据调整表), registered here so
that the bureau (a separate server knowing only the wire) reads them. Uploaded without a
self-check (SPEC §11: 进料)."""

from __future__ import annotations

from ..spec import Field, Kind, RecordSpec
from .registry import BusinessSpec, PeriodKind, Section, register_business

FILING, CHANGE, WRITEOFF = "A0307001", "A0308001", "A0306001"

A, R, D = Kind.AMOUNT, Kind.RATE, Kind.DATE
MANUAL = "[A-Z][0-9]{11}"

FILING_SECTION, CHANGE_SECTION = "JHFPLBA", "JHFPLBG"
WRITEOFF_SECTION, ADJUSTMENT_SECTION = "JLHX", "HGSJTZ"

FILING_RECORD = RecordSpec("PlannedRate", "计划分配率备案表", (
    Field("sbxh", "line_no", label="申报序号", required=True, max_length=8),
    Field("sczh", "manual_no", label="手（账）册号", required=True, pattern=MANUAL),
    Field("jhjkze", "planned_imports", A, "计划进口总值", required=True),
    Field("jhckze", "planned_exports", A, "计划出口总值", required=True),
    Field("jhfpl", "planned_rate", R, "计划分配率", required=True),
    Field("qyrq", "valid_from", D, "启用日期", required=True),
))  # fmt: skip
CHANGE_RECORD = RecordSpec("PlannedRateChange", "计划分配率变更表", (
    Field("sbxh", "line_no", label="申报序号", required=True, max_length=8),
    Field("sczh", "manual_no", label="手（账）册号", pattern=MANUAL),
    Field("yjhfpl", "previous_rate", R, "原计划分配率"),
    Field("tzhjhfpl", "new_rate", R, "调整后计划分配率", required=True),
    Field("sxrq", "valid_from", D, "变更生效日期", required=True),
    Field("bgyy", "reason", label="变更原因", required=True, max_length=200),
))  # fmt: skip
WRITEOFF_RECORD = RecordSpec("Writeoff", "生产企业进料加工业务免抵退税核销表", (
    Field("sbxh", "line_no", label="序号", required=True, max_length=8),
    Field("sczh", "manual_no", label="申报核销手（账）册号", required=True, pattern=MANUAL),
    Field("hxqsrq", "start_date", D, "核销起始日期", required=True),
    Field("hxjzrq", "end_date", D, "核销截止日期", required=True),
    Field("jkze", "import_total", A, "进口总值", required=True),
    Field("ckze", "export_total", A, "出口总值", required=True),
    Field("sjfpl", "actual_rate", R, "实际分配率", required=True),
    Field("ysbckje", "declared_exports", A, "已申报出口额", required=True),
    Field("ytzmdtse", "refund_adjustment", A, "应调整免抵退税额", required=True),
    Field("ytzbdmzdkse", "non_creditable_adjustment", A, "应调整不得免征和抵扣税额",
          required=True),
))  # fmt: skip
ADJUSTMENT_RECORD = RecordSpec("CustomsAdjustment", "已核销手（账）册海关数据调整表", (
    Field("sbxh", "line_no", label="序号", required=True, max_length=8),
    Field("sczh", "manual_no", label="手（账）册号", required=True, pattern=MANUAL),
    Field("jckbz", "direction", label="进出口标志", required=True, pattern="[IE]"),
    Field("bgdh", "entry_id", label="报关单号", required=True, pattern="[0-9]{18}"),
    Field("xh", "g_no", Kind.INT, "项号", required=True),
    Field("jgfs", "trade_mode", label="监管方式", required=True, pattern="[0-9]{4}"),
    Field("je", "amount_cny", A, "金额（人民币）", required=True),
    Field("tzyy", "reason", label="调整原因", required=True, max_length=200),
))  # fmt: skip

NOTES = ("远程申报：无数据自检，税务机关受理后反馈“上传成功”，审核结果经反馈读入或审核结果下载。",)
SPECS = tuple(register_business(spec) for spec in (
    BusinessSpec(
        code=FILING, short_name="jlba", label="进料加工计划分配率备案",
        period_kind=PeriodKind.MONTH, self_check=False,
        sections=(Section(FILING_SECTION, FILING_RECORD, required=True),),
        notes=NOTES,
    ),
    BusinessSpec(
        code=CHANGE, short_name="jlbg", label="进料加工计划分配率变更",
        period_kind=PeriodKind.MONTH, self_check=False,
        sections=(Section(CHANGE_SECTION, CHANGE_RECORD, required=True),),
        notes=NOTES,
    ),
    BusinessSpec(
        code=WRITEOFF, short_name="jlhx", label="进料加工免抵退税核销",
        period_kind=PeriodKind.MONTH, self_check=False,
        sections=(Section(WRITEOFF_SECTION, WRITEOFF_RECORD, required=True),
                  Section(ADJUSTMENT_SECTION, ADJUSTMENT_RECORD)),
        notes=NOTES,
    ),
))  # fmt: skip
