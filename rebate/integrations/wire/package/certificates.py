"""The ten 单证申报 codes (证明类, DOMAIN §6.1): one section each, the 申请表's data items.

Codes and file short names: FORMS.md Part 1's code map (S1 + S2, verified); every 证明 file
carries the 所属期 (S1: ``{海关企业代码}_{所属期}_{简称}.xml``). Element names are S3's column
names (the ``CKTS_ZM_*_LSB`` application tables); the 21-digit 出口报关单号 travels as
``ckbgdh``; ``bbyy`` (补办原因) is this project's [project decision]: S3 has no column for it.
The product's forms (rebate.certificates.models) derive the same fields from their models; a
test there holds the two equal. Registered here so that both sides (product and bureau) know
them.
"""

from __future__ import annotations

from typing import Final

from ..spec import Field, Kind, RecordSpec
from .registry import BusinessSpec, PeriodKind, Section, register_business

ITEM_KEY = r"[0-9]{21}"
A, Q, N, D, T, INT = Kind.AMOUNT, Kind.QUANTITY, Kind.NUMBER, Kind.DATE, Kind.TEXT, Kind.INT
# Every 申请表 starts with its 申报序号 and ends with 填表日期, 经办人, 备注 (S3's common columns)
LINE_NO: Final = Field("sbxh", "line_no", T, "申报序号", required=True, max_length=10)
TAIL: Final = (
    Field("tbrq", "fill_date", D, "填表日期", required=True),
    Field("jbrxm", "handler", T, "经办人", max_length=50),
    Field("bz", "note", T, "备注", max_length=200),
)

LLJG_FIELDS: Final = (
    LINE_NO,
    Field(
        "stfnsrsbh", "trustee_taxpayer_id", T, "受托方纳税人识别号", required=True, max_length=18
    ),
    Field("stfmc", "trustee_name", T, "受托方名称", required=True, max_length=200),
    Field("lljgszch", "manual_no", T, "来料加工手（账）册号", required=True, max_length=12),
    Field("jgffphm", "invoice_no", T, "加工费发票号码", required=True, max_length=30),
    Field("ykfphwmc", "goods_name", T, "已开发票货物名称", required=True, max_length=200),
    Field("ykfphwdw", "goods_unit", T, "已开发票货物单位", required=True, max_length=20),
    Field("ykfphwsl", "goods_quantity", Q, "已开发票货物数量", required=True),
    Field("jgfje", "fee_amount", A, "加工费金额", required=True),
    *TAIL,
)
DLZM_FIELDS: Final = (
    LINE_NO,
    Field(
        "wtfnsrsbh", "principal_taxpayer_id", T, "委托方纳税人识别号", required=True, max_length=18
    ),
    Field("wtfnsrmc", "principal_name", T, "委托方纳税人名称", max_length=200),
    Field("ckbgdh", "item_key", T, "出口报关单号（21位）", required=True, pattern=ITEM_KEY),
    Field("ckrq", "export_date", D, "出口日期"),
    Field("cksp_dm", "commodity_code", T, "出口商品代码", max_length=10),
    Field("ckspmc", "commodity_name", T, "出口商品名称", max_length=255),
    Field("hgjldwmc", "unit", T, "海关计量单位", max_length=3),
    Field("cksl", "quantity", Q, "出口数量", required=True),
    Field("hbzm_dm", "currency", T, "货币代码", max_length=3),
    Field("cjzj", "deal_total", A, "成交总价"),
    Field("mylaj", "fob_usd", A, "美元离岸价", required=True),
    Field("rmblaj", "fob_cny", A, "人民币离岸价", required=True),
    Field("wtdlckhth", "contract_no", T, "委托（代理）出口合同号", required=True, max_length=60),
    Field("wtckhwzmbh", "entrusted_certificate_no", T, "委托出口货物证明编号", max_length=20),
    *TAIL,
)
TGBS_FIELDS: Final = (
    LINE_NO,
    Field("ckbgdh", "item_key", T, "出口报关单号（21位）", required=True, pattern=ITEM_KEY),
    Field("ckrq", "export_date", D, "出口日期"),
    Field("cksp_dm", "commodity_code", T, "出口商品代码", max_length=10),
    Field("ckspmc", "commodity_name", T, "出口商品名称", max_length=255),
    Field("hgjldwmc", "unit", T, "海关计量单位", max_length=3),
    Field("cksl", "quantity", Q, "出口数量"),
    Field("tysl", "returned_quantity", Q, "退运数量", required=True),
    Field("tymylaj", "returned_fob_usd", A, "退运美元离岸价", required=True),
    Field("tyrmblaj", "returned_fob_cny", A, "退运人民币离岸价", required=True),
    Field("tmsztbz", "refund_status", T, "退（免）税状态", required=True, max_length=1),
    Field("ycjmdtse", "offset_amount", A, "已冲减免抵退税额"),
    Field("cjssq", "offset_period", T, "冲减所属期", max_length=6),
    Field("ybzzse", "paid_vat", A, "已补增值税额"),
    Field("jkshm", "payment_no", T, "缴款书号码", max_length=30),
    Field("rkrq", "paid_on", D, "入库日期"),
    *TAIL,
)
WTCK_FIELDS: Final = (
    LINE_NO,
    Field(
        "stfnsrsbh", "trustee_taxpayer_id", T, "受托方纳税人识别号", required=True, max_length=18
    ),
    Field("stfmc", "trustee_name", T, "受托方名称", max_length=200),
    Field("dlckxyh", "agreement_no", T, "代理出口协议号", required=True, max_length=30),
    Field("wtdlckhth", "contract_no", T, "委托（代理）出口合同号", max_length=60),
    Field("ckbgdh", "item_key", T, "出口报关单号（21位）", required=True, pattern=ITEM_KEY),
    Field("cksp_dm", "commodity_code", T, "出口商品代码", required=True, max_length=10),
    Field("ckspmc", "commodity_name", T, "出口商品名称", required=True, max_length=255),
    Field("hbzm_dm", "currency", T, "货币代码", required=True, max_length=3),
    Field("rmblaj", "fob_cny", A, "人民币离岸价", required=True),
    *TAIL,
)
JYZM_FIELDS: Final = (
    LINE_NO,
    Field(
        "jyckqynsrsbh",
        "exporter_taxpayer_id",
        T,
        "卷烟出口企业纳税人识别号",
        required=True,
        max_length=18,
    ),
    Field("jyckqymc", "exporter_name", T, "卷烟出口企业名称", max_length=200),
    Field("jysp_dm", "commodity_code", T, "卷烟商品代码", required=True, max_length=10),
    Field("jymc", "cigarette_name", T, "卷烟名称", required=True, max_length=100),
    Field("jyph", "brand", T, "卷烟牌号", required=True, max_length=60),
    Field("jldwmc", "unit", T, "计量单位", required=True, max_length=20),
    Field("sl", "quantity", Q, "数量", required=True),
    Field("dj", "unit_price", Q, "单价", required=True),
    Field("zjje", "total_amount", A, "总计金额", required=True),
    Field("zzsse", "vat_exempt", A, "免征增值税（总计）", required=True),
    Field("xfsse", "excise_exempt", A, "免征消费税（总计）", required=True),
    Field(
        "zymsgjckjyzmbh",
        "permit_no",
        T,
        "准予免税购进出口卷烟证明编号",
        required=True,
        max_length=20,
    ),
    Field("fphm", "invoice_no", T, "发票号码", required=True, max_length=30),
    *TAIL,
)
BBZM_FIELDS: Final = (
    LINE_NO,
    Field("ycktszmlx_dm", "original_kind", T, "原出口退税证明类型", required=True, max_length=2),
    Field("ycktszmbh", "original_no", T, "原出口退税证明编号", required=True, max_length=20),
    Field(
        "yzmkjswjgmc", "original_bureau", T, "原证明开具税务机关名称", required=True, max_length=200
    ),
    Field("bbyy", "reason", T, "补办原因", required=True, max_length=200),
    *TAIL,
)
ZBZM_FIELDS: Final = (
    LINE_NO,
    Field(
        "zbqynsrsbh", "winner_taxpayer_id", T, "中标企业纳税人识别号", required=True, max_length=18
    ),
    Field("zbqymc", "winner_name", T, "中标企业名称", required=True, max_length=200),
    Field("zbwjbh", "tender_no", T, "招标文件编号", required=True, max_length=50),
    Field("zbxmmc", "project_name", T, "中标项目名称", required=True, max_length=200),
    Field("dkgbjgmc", "lender", T, "贷款国别（机构）名称", required=True, max_length=200),
    Field("zbjdcpmc", "product_name", T, "中标机电产品名称", required=True, max_length=200),
    Field("ggxh", "model_spec", T, "规格型号", max_length=200),
    Field("sl", "quantity", Q, "数量", required=True),
    Field("dj", "unit_price", Q, "单价", required=True),
    Field("zj", "total_amount", A, "总价", required=True),
    Field("yhjewmy", "fx_amount", N, "用汇金额（万美元）", required=True),
    Field("cksp_dm", "commodity_code", T, "出口商品代码", required=True, max_length=10),
    Field("ckspmc", "commodity_name", T, "出口商品名称", required=True, max_length=255),
    Field("zbjgmc", "agency_name", T, "招标机构名称", required=True, max_length=200),
    Field("zbjgfzrxm", "agency_head", T, "招标机构负责人姓名", required=True, max_length=50),
    Field("zbjgsqrq", "applied_on", D, "招标机构申请日期", required=True),
    *TAIL,
)

LLHX_FIELDS: Final = (
    LINE_NO,
    Field(
        "lljgmszmbh",
        "exemption_certificate_no",
        T,
        "来料加工免税证明编号",
        required=True,
        max_length=20,
    ),
    Field("lljgszch", "manual_no", T, "来料加工手（账）册号", required=True, max_length=12),
    Field(
        "jgqynsrsbh",
        "processor_taxpayer_id",
        T,
        "加工企业纳税人识别号",
        required=True,
        max_length=18,
    ),
    Field("jgqynsrmc", "processor_name", T, "加工企业纳税人名称", required=True, max_length=200),
    Field("jgffphm", "invoice_no", T, "加工费发票号码", required=True, max_length=30),
    Field("jgfje", "fee_amount", A, "加工费金额", required=True),
    Field("ckfph", "export_invoice_no", T, "出口发票号", max_length=40),
    Field("ckbgdh", "item_key", T, "出口报关单号（21位）", required=True, pattern=ITEM_KEY),
    Field("cksp_dm", "commodity_code", T, "出口商品代码", max_length=10),
    Field("ckspmc", "commodity_name", T, "出口商品名称", max_length=255),
    Field("jldwmc", "unit", T, "计量单位", max_length=3),
    Field("cksl", "export_quantity", Q, "出口数量", required=True),
    *TAIL,
)

ZYJY_FIELDS: Final = (
    LINE_NO,
    Field(
        "jyscqynsrsbh",
        "producer_taxpayer_id",
        T,
        "卷烟生产企业纳税人识别号",
        required=True,
        max_length=18,
    ),
    Field("jyscqymc", "producer_name", T, "卷烟生产企业名称", max_length=200),
    Field("jhnd", "plan_year", INT, "计划年度", required=True),
    Field("jhbh", "plan_no", T, "计划编号", required=True, max_length=30),
    Field("jysp_dm", "commodity_code", T, "卷烟商品代码", required=True, max_length=10),
    Field("jymc", "cigarette_name", T, "卷烟名称", required=True, max_length=100),
    Field("jyph", "brand", T, "卷烟牌号", required=True, max_length=60),
    Field("jldwmc", "unit", T, "计量单位", required=True, max_length=20),
    Field("sl", "quantity", Q, "数量", required=True),
    Field("dj", "unit_price", Q, "单价", required=True),
    Field("zjje", "total_amount", A, "总计金额", required=True),
    Field("ckjyjhsl", "plan_quantity", Q, "出口卷烟计划数量", required=True),
    Field("ykjzmzjysl", "issued_quantity", Q, "已开具《准免证》卷烟数量", required=True),
    *TAIL,
)

JYHX_FIELDS: Final = (
    LINE_NO,
    Field("jhnd", "plan_year", INT, "计划年度", required=True),
    Field("jhbh", "plan_no", T, "计划编号", required=True, max_length=30),
    Field("ckfph", "export_invoice_no", T, "出口发票号", max_length=40),
    Field("ckhth", "contract_no", T, "出口合同号", max_length=60),
    Field("ckbgdh", "item_key", T, "出口报关单号（21位）", required=True, pattern=ITEM_KEY),
    Field("ckrq", "export_date", D, "出口日期"),
    Field("dlckhwzmhm", "agency_certificate_no", T, "代理出口货物证明号码", max_length=22),
    Field("jysp_dm", "commodity_code", T, "卷烟商品代码", max_length=10),
    Field("jyph", "brand", T, "卷烟牌号", required=True, max_length=60),
    Field("jldwmc", "unit", T, "计量单位", max_length=3),
    Field("cksl", "export_quantity", Q, "出口数量", required=True),
    Field("ckhwmsxsemy", "sales_usd", A, "出口货物免税销售额（美元）", required=True),
    Field("ckhwmsxsermb", "sales_cny", A, "出口货物免税销售额（人民币）", required=True),
    Field(
        "zymsgjckjyzmbh",
        "permit_no",
        T,
        "准予免税购进出口卷烟证明编号",
        required=True,
        max_length=20,
    ),
    Field("ckjyymszmbh", "exempted_certificate_no", T, "出口卷烟已免税证明编号", max_length=20),
    *TAIL,
)

# (code, short name, label, section, fields)
CERTIFICATES: Final = (
    ("A0203002", "lljg", "来料加工免税证明", "LLJG", LLJG_FIELDS),
    ("A0203001", "llhx", "来料加工出口货物免税证明核销", "LLJGHX", LLHX_FIELDS),
    ("A0201001", "dlzm", "代理出口货物证明", "DLCK", DLZM_FIELDS),
    ("A0201005", "tgbs", "出口货物退运已补税（未退税）证明", "TYYBS", TGBS_FIELDS),
    ("A0201003", "wtck", "委托出口货物证明", "WTCK", WTCK_FIELDS),
    ("A0205003", "jyzm", "出口卷烟已免税证明", "JYYMS", JYZM_FIELDS),
    ("A0205002", "zyjy", "准予免税购进出口卷烟证明", "ZYMSGJJY", ZYJY_FIELDS),
    ("A0205001", "jyhx", "出口卷烟免税核销", "JYMSHX", JYHX_FIELDS),
    ("A0202001", "bbzm", "补办出口退（免）税证明", "BBZM", BBZM_FIELDS),
    ("A0201007", "zbzm", "中标证明通知书", "ZBZM", ZBZM_FIELDS),
)
SPECS: Final = {
    code: register_business(
        BusinessSpec(
            code=code, short_name=short, label=label, period_kind=PeriodKind.MONTH,
            self_check=True, published=True, title=f"{label}申报",
            sections=(Section(section, RecordSpec("Record", f"{label}申请表", fields),
                              required=True),),
        )
    )
    for code, short, label, section, fields in CERTIFICATES
}  # fmt: skip
