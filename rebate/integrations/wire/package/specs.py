"""Field tables of the 免抵退 declaration (A0305001 ``scsb``): its body sections' records.

Element names of the 明细表 and 汇总表 are the tax side's column names (DOMAIN §7.1, §3
[verified: TAX-SYS]); the other forms' names are this project's, in the same style
**[project decision]** since their official column names are not public.
"""

from __future__ import annotations

from typing import Final

from ..spec import Field, Kind, RecordSpec

ITEM_KEY = r"[0-9]{21}"

A, R, X, Q, D, T = Kind.AMOUNT, Kind.RATE, Kind.XRATE, Kind.QUANTITY, Kind.DATE, Kind.TEXT

TSSB: Final = RecordSpec(
    "Record",
    "生产企业出口货物劳务免抵退税申报明细表",
    (
        Field("sbxh", "line_no", label="申报序号", required=True, max_length=10),
        Field("ckfph", "invoice_no", label="出口发票号", max_length=40),
        Field("ckbgdh", "item_key", label="出口货物报关单号（21位）", required=True,
              pattern=ITEM_KEY),
        Field("ckrq", "export_date", D, "出口日期", required=True),
        Field("dlckhwzmhm", "agent_certificate_no", label="代理出口货物证明号码", max_length=30),
        Field("cksp_dm", "commodity_code", label="出口商品代码", required=True,
              pattern="[0-9]{8,14}"),
        Field("sbhgspmc", "commodity_name", label="申报海关商品名称", max_length=255),
        Field("hgjldw", "unit", label="计量单位（法定第一计量单位代码）", required=True,
              pattern="[0-9]{3}"),
        Field("cksl", "quantity", Q, "出口数量", required=True),
        Field("mylaj", "fob_usd", A, "出口销售额（美元）", required=True),
        Field("rmblaj", "fob_cny", A, "出口销售额（人民币）", required=True),
        Field("zssl", "levy_rate", R, "征税率", required=True),
        Field("tsl", "rebate_rate", R, "退税率", required=True),
        Field("tzhjhfpl", "allocation_rate", R, "计划分配率（调整后）"),
        Field("jljgbsjkljzcjsjg", "bonded_materials_price", A, "进料加工保税进口料件组成计税价格"),
        Field("gngjmsycljg", "domestic_duty_free_price", A, "国内购进免税原材料价格"),
        Field("mdtsbdmzhdkse", "non_creditable", A, "不得免征和抵扣税额"),
        Field("mdtse", "exempt_credit_refund", A, "免抵退税额"),
        Field("jljgszch", "manual_no", label="进料加工手（账）册号", max_length=12),
        Field("cktmsywlxdmjh", "business_types", Kind.CODES, "业务类型代码集合"),
        Field("ckhth", "contract_no", label="出口合同号", max_length=40),
        Field("bz", "remark", label="备注", max_length=200),
        Field("cjhbzm_dm", "currency", label="成交币种", pattern="[A-Z]{3}"),
        Field("cjzj", "deal_total", A, "成交总价"),
        Field("cjhbhl", "deal_rate", X, "成交币种汇率"),
        Field("myhl", "usd_rate", X, "美元汇率"),
        Field("mdtsny", "rebate_period", Kind.PERIOD, "免抵退税年月"),
    ),
)  # fmt: skip

SBHZ: Final = RecordSpec(
    "Row",
    "免抵退税申报汇总表",
    (
        Field("hc", "row", Kind.INT, "行次（1–19）", required=True),
        Field("bqs", "current", A, "当期（a）", required=True),
        Field("bnljs", "year_to_date", A, "本年累计（b）", required=True),
        Field("ynsbce", "vat_difference", A, "与增值税纳税申报表差额（c）"),
    ),
)


def _form(section: str, label: str, *fields: Field) -> tuple[str, RecordSpec]:
    return section, RecordSpec("Record", label, fields)


def _f(tag: str, label: str, kind: Kind = T, required: bool = False) -> Field:
    return Field(tag, tag, kind, label, required, max_length=200 if kind is T else None)


_SALE = (_f("sbxh", "申报序号", required=True), _f("ckbgdh", "出口报关单号"),
         _f("dlckhwzmhm", "代理出口货物证明号码"), _f("ckfph", "出口发票号"))  # fmt: skip

# The other forms bundled in one A0305001 declaration (DOMAIN §6.2, fields §7.2–7.5).
OTHER_FORMS: Final = dict(
    (
        _form("CKSH", "出口货物收汇情况表", *_SALE, _f("jxsrq", "记出口销售账日期", D),
              _f("cjhbzm_dm", "成交货币字母代码"), _f("cjzj", "成交总价", A),
              _f("cjhbhl", "成交货币汇率", X), _f("rmblaj", "出口销售额（人民币）", A),
              _f("pzhm", "收汇凭证号码"), _f("shrq", "出口收汇日期", D),
              _f("jhfs_dm", "结汇方式代码"), _f("jrjgdm", "金融机构代码"),
              _f("shhbzm_dm", "收汇货币字母代码"), _f("shje", "收汇金额", A),
              _f("shhbhl", "收汇货币汇率", X), _f("shjerm", "收汇金额（人民币）", A),
              _f("fhr", "付汇人"), _f("fhgj", "付汇国家（地区）"), _f("bz", "备注")),
        _form("BNSH", "不能收汇申报", *_SALE, _f("cjhbzm_dm", "成交币种"),
              _f("cjzj", "成交总价", A), _f("rmblaj", "出口销售额（人民币）", A),
              _f("yshje", "已收汇金额", A), _f("wshje", "未收汇金额", A),
              _f("bnshyy_dm", "不能收汇原因代码"), _f("zmclzl", "提供证明材料种类"),
              _f("ckhth", "出口合同号"), _f("bz", "备注")),
        _form("CYSM", "出口货物离岸价差异原因说明表", _f("lajcylx_dm", "离岸价差异申报类型代码"),
              *_SALE, _f("fpmylaj", "出口发票美元离岸价", A),
              _f("fprmblaj", "出口发票人民币离岸价", A), _f("mylaj", "美元离岸价", A),
              _f("rmblaj", "人民币离岸价", A), _f("cye", "差异额", A), _f("cyl", "差异率"),
              _f("yysm", "原因说明")),
        _form("HGSPTZ", "海关出口商品代码、名称、退税率调整对应表",
              _f("sbxh", "申报序号", required=True), _f("ckbgdh", "出口报关单号"),
              _f("ckrq", "出口日期", D), _f("cksp_dm", "出口商品代码"),
              _f("ckspmc", "出口商品名称"), _f("tsl", "退税率", R),
              _f("tzhcksp_dm", "调整后出口商品代码"), _f("tzhspmc", "调整后海关商品名称"),
              _f("tzhtsl", "调整后退税率", R), _f("sbrq", "报关单申报日期", D),
              _f("bz", "备注")),
        _form("YFSJ", "跨境应税行为免抵退税申报明细表", _f("sbxh", "申报序号", required=True),
              _f("hth", "合同号"), _f("zmbh", "出口退税证明编号"), _f("jwdwmc", "境外单位名称"),
              _f("gjdq_dm", "国家或地区数字代码"), _f("yssfdm", "应税服务代码"),
              _f("ckfph", "出口发票号"), _f("kprq", "开票日期", D),
              _f("bqskje", "本期收款金额（美元）", A), _f("yye", "营业额（人民币）", A),
              _f("jsje", "免抵退税计税金额", A), _f("zssl", "征税税率", R),
              _f("tsl", "退税率", R), _f("ytse", "应退税额", A), _f("bz", "备注")),
        _form("SYYK", "收讫营业款明细清单", _f("sbxh", "申报序号", required=True),
              _f("hth", "合同号"), _f("skpzh", "收款凭证号"), _f("skrq", "收款日期", D),
              _f("skje", "收款金额（美元）", A)),
        _form("GJYS", "国际运输（港澳台运输）免抵退税申报明细表",
              _f("sbxh", "申报序号", required=True), _f("ysgjh", "运输工具号"),
              _f("hc", "航次"), _f("qyg", "起运港"), _f("mdg", "目的港"),
              _f("yye", "营业额（人民币）", A), _f("yyemy", "营业额（折美元）", A),
              _f("tsl", "退税率", R), _f("bz", "备注")),
        _form("HKYSQS", "航空运输收入清算账单", _f("sbxh", "申报序号", required=True),
              _f("zdh", "账单号"), _f("je", "金额（人民币）", A)),
        _form("KYHJ", "国际旅客/行李包裹运输清算函件", _f("sbxh", "申报序号", required=True),
              _f("hjh", "函件号"), _f("je", "金额（人民币）", A)),
        _form("TLHY", "中国铁路总公司国际货物运输明细", _f("sbxh", "申报序号", required=True),
              _f("ydh", "运单号"), _f("je", "金额（人民币）", A)),
        _form("STZCQD", "视同自产进货明细清单", _f("sbxh", "申报序号", required=True),
              _f("fpdm", "增值税专用发票代码"), _f("fphm", "发票号码"),
              _f("kprq", "开票日期", D), _f("ghfsbh", "供货方纳税人识别号"),
              _f("spmc", "货物名称"), _f("je", "金额", A), _f("se", "税额", A)),
        _form("XTHH", "先退税后核销企业免抵退税申报附表", _f("sbxh", "申报序号", required=True),
              _f("ckbgdh", "出口报关单号"), _f("rmblaj", "出口销售额（人民币）", A),
              _f("ytse", "应退税额", A), _f("bz", "备注")),
    )
)  # fmt: skip
