"""Field tables of the customs download format ``urn:ckts:wire:customs:1`` (version 1.0).

Tags follow the Single Window DecMessage (DOMAIN §12.2 [verified: DECMSG]); elements marked
"extension" are this project's additions for what customs passes to the tax side (§12.3).
"""

from __future__ import annotations

from typing import Final

from ..spec import Field, Kind, RecordSpec

NAMESPACE: Final = "urn:ckts:wire:customs:1"
VERSION: Final = "1.0"
SCHEMA: Final = "customs-1.0.xsd"

ENTRY_ID = r"[0-9]{18}"
CODE_TS = r"[0-9]{10}"
CUSTOMS_CODE = r"[0-9]{4}[0-9A-Z]{6}"

DEC_HEAD: Final = RecordSpec(
    "DecHead",
    "报关单表头",
    (
        Field("SeqNo", "seq_no", label="统一编号", max_length=18),
        Field("EntryId", "entry_id", label="报关单号（海关编号）", required=True, pattern=ENTRY_ID),
        Field("IEFlag", "ie_flag", label="进出口标志", required=True, pattern="[EI]"),
        Field("CustomMaster", "custom_master", label="申报地海关", pattern="[0-9]{4}"),
        Field("IEPort", "ie_port", label="进出境关别", pattern="[0-9]{4}"),
        Field("IEDate", "ie_date", Kind.DATE8, "进出口日期", required=True),
        Field("DDate", "d_date", Kind.DATE8, "申报日期"),
        Field("TradeCode", "trade_code", label="境内收发货人海关代码", required=True,
              pattern=CUSTOMS_CODE),
        Field("TradeName", "trade_name", label="境内收发货人名称", max_length=100),
        Field("TradeCoScc", "trade_co_scc", label="境内收发货人统一社会信用代码", max_length=18),
        Field("OwnerCode", "owner_code", label="生产销售单位代码", max_length=10),
        Field("OwnerName", "owner_name", label="生产销售单位名称", max_length=100),
        Field("AgentCode", "agent_code", label="申报单位代码", max_length=10),
        Field("AgentName", "agent_name", label="申报单位名称", max_length=100),
        Field("TradeMode", "trade_mode", label="监管方式", required=True, pattern="[0-9]{4}"),
        Field("CutMode", "cut_mode", label="征免性质", max_length=3),
        Field("TrafMode", "traf_mode", label="运输方式", max_length=1),
        Field("TrafName", "traf_name", label="运输工具名称", max_length=50),
        Field("BillNo", "bill_no", label="提运单号", max_length=50),
        Field("TransMode", "trans_mode", label="成交方式", required=True, pattern="[1-7]"),
        Field("TradeCountry", "trade_country", label="运抵国（地区）", max_length=3),
        Field("TradeAreaCode", "trade_area_code", label="贸易国（地区）", max_length=3),
        Field("DistinatePort", "distinate_port", label="指运港", max_length=6),
        Field("EntyPortCode", "enty_port_code", label="离境口岸", max_length=6),
        Field("FeeMark", "fee_mark", label="运费标记", pattern="[123]"),
        Field("FeeRate", "fee_rate", Kind.NUMBER, "运费／率"),
        Field("FeeCurr", "fee_curr", label="运费币制", max_length=3),
        Field("InsurMark", "insur_mark", label="保费标记", pattern="[13]"),
        Field("InsurRate", "insur_rate", Kind.NUMBER, "保费／率"),
        Field("InsurCurr", "insur_curr", label="保费币制", max_length=3),
        Field("OtherMark", "other_mark", label="杂费标记", pattern="[13]"),
        Field("OtherRate", "other_rate", Kind.NUMBER, "杂费／率"),
        Field("OtherCurr", "other_curr", label="杂费币制", max_length=3),
        Field("PackNo", "pack_no", Kind.INT, "件数"),
        Field("WrapType", "wrap_type", label="包装种类", max_length=2),
        Field("GrossWet", "gross_wt", Kind.QUANTITY, "毛重（千克）"),
        Field("NetWt", "net_wt", Kind.QUANTITY, "净重（千克）"),
        Field("ContrNo", "contr_no", label="合同协议号", max_length=32),
        Field("ManualNo", "manual_no", label="备案号（手（账）册号）", max_length=12),
        Field("LicenseNo", "license_no", label="许可证号", max_length=20),
        Field("ClearanceDate", "clearance_date", Kind.DATE8, "结关日期（扩展）"),
        Field("AmendFlag", "amended", Kind.FLAG, "改单标志（扩展）"),
    ),
)  # fmt: skip

DEC_LIST: Final = RecordSpec(
    "DecList",
    "报关单商品项",
    (
        Field("GNo", "g_no", Kind.INT, "项号", required=True),
        Field("CodeTS", "code_ts", label="商品编号", required=True, pattern=CODE_TS),
        Field("GName", "g_name", label="商品名称", required=True, max_length=255),
        Field("GModel", "g_model", label="规格型号", max_length=255),
        Field("GQty", "g_qty", Kind.QUANTITY, "成交数量", required=True),
        Field("GUnit", "g_unit", label="成交计量单位", required=True, pattern="[0-9]{3}"),
        Field("FirstQty", "first_qty", Kind.QUANTITY, "法定第一数量", required=True),
        Field("FirstUnit", "first_unit", label="法定第一计量单位", required=True,
              pattern="[0-9]{3}"),
        Field("SecondQty", "second_qty", Kind.QUANTITY, "法定第二数量"),
        Field("SecondUnit", "second_unit", label="法定第二计量单位", pattern="[0-9]{3}"),
        Field("DeclPrice", "decl_price", Kind.NUMBER, "申报单价", required=True),
        Field("DeclTotal", "decl_total", Kind.AMOUNT, "申报总价", required=True),
        Field("TradeCurr", "trade_curr", label="成交币制", required=True, pattern="[A-Z]{3}"),
        Field("OriginCountry", "origin_country", label="原产国（地区）", max_length=3),
        Field("DestinationCountry", "destination_country", label="最终目的国（地区）",
              max_length=3),
        Field("DutyMode", "duty_mode", label="征免方式", max_length=1),
        Field("DistrictCode", "district_code", label="境内货源地", max_length=5),
        Field("FobOrig", "fob_orig", Kind.AMOUNT, "原币离岸价（扩展，海关计算）"),
        Field("FobUsd", "fob_usd", Kind.AMOUNT, "美元离岸价（扩展，海关计算）"),
        Field("FobCny", "fob_cny", Kind.AMOUNT, "人民币离岸价（扩展，海关计算）"),
        Field("NoRefundFlag", "no_refund", Kind.FLAG, "不予退税标志（扩展）"),
    ),
)  # fmt: skip

MANUAL: Final = RecordSpec(
    "ManualHead",
    "加工贸易手（账）册",
    (
        Field("ManualNo", "manual_no", label="手（账）册号", required=True, max_length=12),
        Field("TradeCode", "trade_code", label="经营单位海关代码", required=True,
              pattern=CUSTOMS_CODE),
        Field("ManualType", "manual_type", label="手册类型（C进料/B来料/E账册）", required=True,
              pattern="[BCE]"),
        Field("ValidFrom", "valid_from", Kind.DATE8, "有效期起", required=True),
        Field("ValidTo", "valid_to", Kind.DATE8, "有效期止", required=True),
        Field("PlannedImportTotal", "planned_import_total", Kind.AMOUNT, "计划进口总值（人民币）",
              required=True),
        Field("PlannedExportTotal", "planned_export_total", Kind.AMOUNT, "计划出口总值（人民币）",
              required=True),
        Field("Status", "status", label="状态（执行/核销）", required=True, max_length=4),
        Field("WriteoffDate", "writeoff_date", Kind.DATE8, "海关核销日期"),
    ),
)  # fmt: skip

MANUAL_RECORD: Final = RecordSpec(
    "ManualRecord",
    "手（账）册进出口记录",
    (
        Field("IEFlag", "ie_flag", label="进出口标志", required=True, pattern="[EI]"),
        Field("EntryId", "entry_id", label="报关单号", required=True, pattern=ENTRY_ID),
        Field("GNo", "g_no", Kind.INT, "项号", required=True),
        Field("TradeMode", "trade_mode", label="监管方式", required=True, pattern="[0-9]{4}"),
        Field("IEDate", "ie_date", Kind.DATE8, "进出口日期", required=True),
        Field("AmountCny", "amount_cny", Kind.AMOUNT, "金额（人民币）", required=True),
        Field("CodeTS", "code_ts", label="商品编号", pattern=CODE_TS),
    ),
)  # fmt: skip

AMENDMENT: Final = RecordSpec(
    "Amendment",
    "改单记录",
    (
        Field("EntryId", "entry_id", label="报关单号", required=True, pattern=ENTRY_ID),
        Field("GNo", "g_no", Kind.INT, "项号", required=True),
        Field("AmendDate", "amend_date", Kind.DATE8, "改单日期", required=True),
        Field("Reason", "reason", label="改单原因", max_length=200),
        Field("OldCodeTS", "old_code_ts", label="原商品编号", pattern=CODE_TS),
        Field("NewCodeTS", "new_code_ts", label="新商品编号", pattern=CODE_TS),
        Field("OldQty", "old_qty", Kind.QUANTITY, "原法定数量"),
        Field("NewQty", "new_qty", Kind.QUANTITY, "新法定数量"),
        Field("OldFobUsd", "old_fob_usd", Kind.AMOUNT, "原美元离岸价"),
        Field("NewFobUsd", "new_fob_usd", Kind.AMOUNT, "新美元离岸价"),
        Field("OldFobCny", "old_fob_cny", Kind.AMOUNT, "原人民币离岸价"),
        Field("NewFobCny", "new_fob_cny", Kind.AMOUNT, "新人民币离岸价"),
    ),
)  # fmt: skip

RETURN_RECORD: Final = RecordSpec(
    "ReturnRecord",
    "退运记录",
    (
        Field("EntryId", "entry_id", label="原出口报关单号", required=True, pattern=ENTRY_ID),
        Field("GNo", "g_no", Kind.INT, "项号", required=True),
        Field("ReturnDate", "return_date", Kind.DATE8, "退运日期", required=True),
        Field("CertificateNo", "certificate_no", label="退运证明编号", required=True,
              max_length=30),
        Field("Quantity", "quantity", Kind.QUANTITY, "退运数量", required=True),
        Field("FobUsd", "fob_usd", Kind.AMOUNT, "退运美元离岸价", required=True),
        Field("FobCny", "fob_cny", Kind.AMOUNT, "退运人民币离岸价", required=True),
        Field("Withdrawn", "withdrawn", Kind.FLAG, "撤单标志"),
    ),
)  # fmt: skip
