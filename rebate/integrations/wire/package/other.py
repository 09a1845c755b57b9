"""The 其他申报 businesses on the wire (SPEC QT-01…QT-08): one spec per business, registered on
import so that the product and the bureau simulator know them alike.

Codes and short names: FORMS.md Part 2 §1 (V: SbfileServiceImpl.java) except A0402001, whose
short name the tax-side map lacks — ``wdzxx`` here **[project decision]** — and A0503001
``aqypd``, which carries both 管理类别评定 reports **[project decision]**. Element names are
this project's, in the tax side's pinyin style, since the official column names of these
forms are not public **[project decision]**. Published: XSDs and docs/wire pages rendered
from these tables (``python -m rebate.integrations.wire.xsdgen``).
"""

from __future__ import annotations

from typing import Final

from ..spec import Field, Kind, RecordSpec
from .registry import BusinessSpec, PeriodKind, Section, register_business

A, R, Q, D, T = Kind.AMOUNT, Kind.RATE, Kind.QUANTITY, Kind.DATE, Kind.TEXT
N, INT = Kind.NUMBER, Kind.INT


def _f(tag: str, attr: str, label: str, kind: Kind = T, required: bool = False) -> Field:
    return Field(tag, attr, kind, label, required, max_length=4000 if kind is T else None)


LINE_NO = _f("sbxh", "line_no", "申报序号", required=True)
ENTRY = _f("ckbgdh", "entry_id", "出口报关单号", required=True)

CKSH: Final = RecordSpec(
    "Record",
    "出口货物收汇情况表",
    (
        LINE_NO,
        ENTRY,
        _f("ckrq", "export_date", "出口日期", D),
        _f("ckfph", "invoice_no", "出口发票号"),
        _f("cjhbzm_dm", "currency", "成交货币字母代码"),
        _f("cjzj", "transaction_total", "成交总价", A),
        _f("pzhm", "voucher_no", "凭证号码"),
        _f("shrq", "received_on", "出口收汇日期", D),
        _f("shhbzm_dm", "receipt_currency", "出口收汇货币字母代码"),
        _f("shje", "receipt_amount", "出口收汇金额", A),
        _f("fhr", "payer", "付汇人"),
        _f("fhgj", "payer_country", "付汇国家（地区）"),
        _f("stshyy", "deemed_reason", "视同收汇原因"),
        _f("yyjtsm", "deemed_detail", "原因具体说明"),
        _f("jzclzl", "evidence_kind", "举证材料种类"),
        _f("zzshrq", "final_receipt_date", "合同约定全部收汇最终日期", D),
        _f("ckhth", "contract_no", "出口合同号"),
        _f("shjzrq", "receipt_deadline", "收汇截止日期", D),
        _f("bz", "note", "备注"),
    ),
)
XXCX: Final = RecordSpec(
    "Record",
    "出口退（免）税信息查询申请表",
    (
        LINE_NO,
        _f("cxxxlx", "doc_kind", "查询信息类型", required=True),
        _f("dzhm", "doc_no", "单证号码", required=True),
        _f("dzrq", "doc_date", "出口日期（开票日期）", D),
        _f("je", "amount", "金额", A),
        _f("cxyy", "reason", "查询原因"),
        _f("bz", "note", "备注"),
    ),
)
WDZXX: Final = RecordSpec(
    "Record",
    "无相关电子信息申报表",
    (
        LINE_NO,
        ENTRY,
        _f("dlckzmh", "agency_certificate_no", "代理出口证明号"),
        _f("ckrq", "export_date", "出口日期", D, True),
        _f("sp_dm", "commodity_code", "商品代码"),
        _f("cke", "export_amount", "出口额", A),
        _f("yy_dm", "reason", "原因"),
        _f("zmcl", "evidence", "证明材料"),
        _f("sbqx", "declaration_deadline", "申报期限", D),
        _f("bz", "note", "备注"),
    ),
)
GJZY: Final = RecordSpec(
    "Record",
    "购进自用货物退税申报表",
    (
        LINE_NO,
        _f("hwmc", "goods_name", "购进自用货物名称", required=True),
        _f("sl", "quantity", "数量", Q),
        _f("jldw", "unit", "计量单位"),
        _f("dj", "unit_price", "单价", N),
        _f("jsje", "taxable_amount", "计税金额", A, True),
        _f("se", "tax_amount", "税额", A, True),
        _f("zssl", "levy_rate", "征税税率", R, True),
        _f("tse", "refund", "退税额", A, True),
        _f("fkpzhm", "payment_voucher_no", "付款凭证号码"),
        _f("fpdm", "invoice_code", "发票代码"),
        _f("fphm", "invoice_no", "增值税专用发票号码", required=True),
        _f("kprq", "invoice_date", "开票日期", D, True),
        _f("ghfsbh", "supplier_tax_id", "供货方纳税人识别号"),
        _f("bz", "note", "备注"),
    ),
)
YSSB: Final = RecordSpec(
    "Record",
    "出口已使用过的设备退税申报表",
    (
        LINE_NO,
        _f("sbmc", "equipment_name", "已使用过的设备名称", required=True),
        ENTRY,
        _f("ckrq", "export_date", "出口日期", D, True),
        _f("cksp_dm", "commodity_code", "出口商品代码"),
        _f("sbhgspmc", "commodity_name", "申报海关商品名称"),
        _f("tsl", "rebate_rate", "退税率", R, True),
        _f("pzzl", "voucher_kind", "凭证种类"),
        _f("pzhm", "voucher_no", "已使用过的设备凭证号码"),
        _f("kprq", "invoice_date", "开票日期", D),
        _f("jsje", "taxable_amount", "计税金额", A, True),
        _f("sbyz", "original_value", "设备原值", A, True),
        _f("ysynx", "years_used", "已使用年限", N),
        _f("ljzj", "accumulated_depreciation", "已提累计折旧额", A, True),
        _f("zyjz", "net_value", "设备折余价值", A, True),
        _f("jsyj", "tax_basis", "退税计税依据", A, True),
        _f("tse", "refund", "退税额", A, True),
        _f("bz", "note", "备注"),
    ),
)
FZCHW: Final = RecordSpec(
    "Record",
    "出口非自产货物退消费税申报表",
    (
        LINE_NO,
        _f("xfspzh", "voucher_no", "消费税凭证号", required=True),
        _f("kprq", "invoice_date", "开票日期", D, True),
        _f("cksp_dm", "commodity_code", "出口商品代码"),
        _f("sbhgspmc", "commodity_name", "申报海关商品名称"),
        _f("jldw", "unit", "计量单位"),
        _f("sl", "quantity", "数量", Q),
        _f("zssl", "levy_rate", "征税税率", R, True),
        _f("jsje", "taxable_amount", "计税金额", A, True),
        _f("se", "tax_amount", "税额", A, True),
        _f("xfstse", "refund", "消费税退税额", A, True),
        ENTRY,
        _f("dlckzmh", "agency_certificate_no", "代理出口货物证明号码"),
        _f("cksl", "export_quantity", "出口数量", Q),
        _f("bz", "note", "备注"),
    ),
)
_REPORT = (
    LINE_NO,
    _f("bgnd", "report_year", "报告年度", INT, True),
    _f("fzr", "contact", "负责人"),
)
SCNL: Final = RecordSpec(
    "Report",
    "生产能力情况报告",
    (
        *_REPORT,
        _f("cdmj", "plant_area", "生产场地面积（平方米）", N),
        _f("cdqs", "plant_tenure", "场地权属"),
        _f("zysb", "main_equipment", "主要生产设备"),
        _f("sbyz", "equipment_value", "生产设备原值合计", A),
        _f("scrys", "staff_count", "生产人员数", INT),
        _f("zycp", "main_products", "主要产品及年产能"),
        _f("sncz", "last_year_output", "上年产值", A),
        _f("snck", "last_year_export", "上年出口额", A),
        _f("wgwt", "outsourcing", "外购及委托加工情况"),
    ),
)
FKTX: Final = RecordSpec(
    "Report",
    "内部风控体系建设情况报告",
    (
        *_REPORT,
        _f("fkzd", "policies", "风控制度"),
        _f("gwsz", "positions", "岗位设置及职责"),
        _f("lckz", "process_control", "出口业务流程控制"),
        _f("xxxt", "systems", "信息系统"),
        _f("zcjz", "self_inspection", "自查及整改机制"),
    ),
)


NOTES = (
    "其他申报：远程申报后数据自检，税务机关以自有电子信息（报关单、收汇、进项发票）审核，"
    "审核结果经周边审核结果下载或反馈读入；字段名为本项目所定 [project decision]。",
)


def _spec(code: str, short: str, label: str, *sections: Section) -> BusinessSpec:
    return register_business(
        BusinessSpec(
            code=code,
            short_name=short,
            label=label,
            period_kind=PeriodKind.MONTH,
            self_check=True,
            published=True,
            notes=NOTES,
            sections=sections,
        )
    )


PROCEEDS = _spec("A0404001", "cksh", "出口货物收汇申报", Section("CKSH", CKSH, required=True))
INFO_QUERY = _spec(
    "A0401001", "xxcx", "出口退税电子信息查询申报", Section("XXCX", XXCX, required=True)
)
NO_INFO = _spec("A0402001", "wdzxx", "无相关电子信息申报", Section("WDZXX", WDZXX, required=True))
SELF_USE = _spec("A0304001", "zyhw", "购进自用货物退税申报", Section("GJZY", GJZY, required=True))
USED_EQUIPMENT = _spec(
    "A0303001", "ygsb", "出口已使用过的设备退税申报", Section("YSSB", YSSB, required=True)
)
NON_OWN = _spec(
    "A0302001", "txfs", "出口非自产货物退消费税申报", Section("FZCHW", FZCHW, required=True)
)
RATING = _spec(
    "A0503001", "aqypd", "管理类别评定相关情况报告", Section("SCNL", SCNL), Section("FKTX", FKTX)
)
OTHER_BUSINESSES: Final = (PROCEEDS, INFO_QUERY, NO_INFO, SELF_USE, USED_EQUIPMENT, NON_OWN, RATING)
