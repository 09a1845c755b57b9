"""The focus hints of the fields that recur across the forms (UI-06), registered with the
kernel (rebate.core.hints) when the app is ready: what to enter, in the words of the manual,
SPEC and DOMAIN, and the format the codes and numbers have. One entry serves every form that
has the field; a field that means something of its own carries its own help text instead.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms

from rebate.core.hints import validator_hint

MONTH = "6位年月YYYYMM，如202503"
ITEM_KEY_21 = "21位，即18位海关编号+0+2位项号，按报关单填写"
CUSTOMS_NO_18 = "18位海关编号，见报关单右上角"
COMMODITY = "10位海关商品编码，须为出口日期有效的退税率文库中的代码"
CURRENCY = "3位字母币种代码，如USD、EUR、HKD"
USCC = "18位统一社会信用代码（数字或大写字母）"
CUSTOMS_CODE = "10位海关企业代码（海关注册编码）"
HANDBOOK = "12位海关手（账）册编号，即报关单的备案号"
AGENCY = "委托出口时填写受托方开具的《代理出口货物证明》编号（证明编号+2位项号）；自营出口不填"
FORMATS = {ITEM_KEY_21, CUSTOMS_NO_18, COMMODITY, CURRENCY, USCC, CUSTOMS_CODE, HANDBOOK}

EXACT: dict[str, str] = {
    "所属期": f"申报所属期：{MONTH}",
    "清算所属期": f"清算账单所属期：{MONTH}",
    "免抵退税年月": f"该笔收入申报免抵退税的所属期：{MONTH}",
    "申报年": "申报年度：4位年份YYYY，如2026",
    "报告年度": "报告所属年度：4位年份，如2025",
    "计划年度": "计划分配率适用的年度：4位年份，如2026",
    "申报序号": "本所属期内的申报序号，如0001；不填时保存后系统按所属期顺序编号",
    "出口报关单号": ITEM_KEY_21,
    "出口发票号": "出口发票的号码，与该笔出口的报关单对应",
    "发票号": "出口发票的号码，与该笔出口的报关单对应",
    "代理出口货物证明号码": AGENCY,
    "代理出口证明号": AGENCY,
    "出口商品代码": COMMODITY,
    "商品代码": COMMODITY,
    "申报商品代码": COMMODITY,
    "卷烟商品代码": f"卷烟的{COMMODITY}",
    "调整后出口商品代码": "商品码调整后的10位海关商品编码，须为退税率文库中现行有效的代码",
    "出口商品名称": "出口商品名称，按报关单填写",
    "申报海关商品名称": "向海关申报的商品名称，按报关单填写",
    "申报商品名称": "向海关申报的商品名称，按报关单填写",
    "调整后海关商品名称": "商品码调整后的海关商品名称",
    "货物名称": "货物名称，按发票或运单填写",
    "计量单位": "海关法定计量单位，如千克、台、个",
    "监管方式": "4位海关监管方式代码，按报关单填写，如0110（一般贸易）",
    "出口合同号": "出口合同（协议）编号，与报关单的合同协议号一致",
    "合同号": "合同（协议）编号，按合同填写",
    "备注": "需要说明的其他事项，没有可不填",
    "填表日期": "填写本表的日期，格式yyyy-mm-dd，如2026-03-05",
    "经办人": "办理本业务的经办人姓名",
    "业务类型": (
        "特殊业务的业务类型代码，多个以英文逗号分隔，如HZCJ-TY（红字冲减-退运）、STZC（视同自产）"
    ),
    "付汇国家（地区）": "付汇人所在国家（地区）的3位字母代码，如USA",
    "国家或地区数字代码": "境外单位所在国家（地区）的3位数字代码，如840（美国）",
    "接收手机号码一": "接收出口退税业务提醒短信的11位手机号码",
    "接收手机号码二": "接收出口退税业务提醒短信的第二个11位手机号码，可不填",
    "退税开户银行": "退税款存入账户的开户银行全称",
    "退税开户银行名称": "退税款存入账户的开户银行全称",
    "退税开户银行账号": "退税款存入的银行账号，与开户银行一致",
    "主管税务机关": "成员企业的主管税务机关名称",
    "附送资料": "随备案表报送的资料名称，多项以顿号分隔",
    "零税率应税服务": "提供的零税率应税服务名称，如国际运输服务；没有可不填",
    "对外贸易经营者备案登记表编号": "《对外贸易经营者备案登记表》上的编号；无需备案登记的可不填",
    "结汇方式代码": "银行结汇方式的代码，按收汇凭证填写",
    "金融机构代码": "收汇银行的金融机构代码，按收汇凭证填写",
    "银行业务编号": "银行收汇业务编号，每笔收汇唯一",
    "付汇人": "银行收汇凭证上的付汇人名称",
    "付款单位": "付款单位全称，按收款凭证填写",
    "清算对方": "清算对方单位全称，按清算账单（函件）填写",
    "对方单位": "业务对方单位的全称",
    "离岸价差异申报类型代码": "离岸价差异申报类型的代码，按差异的类型填写",
    "不能收汇原因代码": "不能收汇原因的代码，与原因名称对应",
    "不能收汇原因名称": "不能收汇原因的名称，与原因代码对应",
    "原因": "视同收汇的原因代码",
    "视同收汇原因": "视同收汇的原因，按视同收汇的情形填写",
    "举证材料种类": "证明收汇情况的举证材料名称，如银行收汇凭证、合同",
    "提供证明材料种类": "证明不能收汇原因的材料名称，如合同、保险理赔单",
    "证明材料": "证明无电子信息原因的材料名称",
    "运输工具名称及航次": "运输工具名称和航次（班次），如船名/航次",
    "起运地": "运输起运地（港口、机场或城市）",
    "到达地": "运输到达地（港口、机场或城市）",
    "发站": "铁路运单上的发站",
    "到站": "铁路运单上的到站",
    "出境口岸": "货物出境的口岸名称",
    "运单号": "铁路运单号码",
    "规格型号": "中标机电产品的规格型号",
    "卷烟牌号": "出口卷烟的牌号，如中华",
    "卷烟名称": "出口卷烟的名称",
    "发射任务（卫星）名称": "航天运输服务对应的发射任务或卫星名称",
    "应税服务代码": "跨境应税行为的服务代码，按服务种类填写",
    "应税服务名称": "跨境应税行为的服务名称，与服务代码对应",
    "出口退税证明编号": "取得的出口退税相关证明编号；没有可不填",
    "已开发票货物单位": "已开发票货物的计量单位",
    "放弃范围": "放弃的业务范围，如全部出口货物、某类应税服务",
    "计划编号": "出口卷烟计划的编号",
    "招标文件编号": "招标文件上的编号",
    "详细地址": "到货地点的详细地址（省市区、街道门牌）",
    "企业名称": "企业全称，与营业执照一致",
    "政策依据": "规定该申报期限的文件，如国家税务总局公告2022年第9号",
    "逾期后果": "逾期未申报的后果，如不再办理退（免）税、视同内销征税",
    # Amounts in the currency of the deal or the receipt, not in yuan
    "成交总价": "成交币种的总价（原币），两位小数，按报关单填写",
    "收汇金额": "收汇货币的金额（原币），两位小数，按银行收汇凭证填写",
    "出口收汇金额": "收汇货币的金额（原币），两位小数，按银行收汇凭证填写",
    "凭证总金额": "收汇凭证的总金额（原币），两位小数",
    "金额": "单证上的金额，两位小数",
    "纳税人名称": "纳税人全称，与税务登记一致",
}

# Fields that many forms name alike: the first pattern the label matches gives the hint.
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(纳税人识别号|社会信用代码)$", USCC),
    (r"海关企业代码$", CUSTOMS_CODE),
    (r"手（账）册号$", HANDBOOK),
    (r"(币种|货币字母代码|原币代码|货币代码)$", CURRENCY),
    (r"(姓名|负责人|联系人)$", "{label}，填写姓名"),
    (r"身份证件号码$", "{label}，如18位居民身份证号码"),
    (r"(联系电话|手机号码)", "{label}，手机号码或带区号的固定电话"),
    (r"(发票代码)$", "{label}，按发票上的发票代码填写（10或12位）"),
    (r"(号码|号|编号)$", "{label}，按凭证（证明）上的号码填写"),
    (r"名称$", "{label}，填写全称"),
    (r"(原因|说明|情况)$", "{label}：用文字简要说明"),
)

AMOUNT_UNITS: tuple[tuple[str, str], ...] = (
    ("万美元", "万美元"),
    ("美元", "美元"),
    ("原币", "原币"),
    ("%", "百分比（%），如30表示30%"),
    ("平方米", "平方米"),
)


def _amount_hint(label: str, field: forms.DecimalField) -> str:
    """Two-place amounts are in yuan unless their label names another unit."""
    if field.decimal_places != 2 and "万美元" not in label:
        return ""
    for word, unit in AMOUNT_UNITS:
        if word in label:
            return f"{label}：{unit}，最多{field.decimal_places}位小数"
    return f"{label}：元，两位小数，如12345.67"


def _by_length(label: str, field: forms.Field) -> str:
    """报关单号 fields hold the 18-digit 海关编号 or the 21-digit 报关单号+项号."""
    if label != "报关单号":
        return ""
    return ITEM_KEY_21 if getattr(field, "max_length", 0) == 21 else CUSTOMS_NO_18


def vocabulary_hint(label: str, field: forms.Field, db_field: Any) -> str:
    hint = _known(label, field, db_field)
    return f"{label}：{hint}" if hint in FORMATS else hint  # a bare format names its field


def _known(label: str, field: forms.Field, db_field: Any) -> str:
    if label in EXACT and not isinstance(field, forms.ChoiceField):
        return EXACT[label]
    hint = _by_length(label, field) or validator_hint(field, db_field)
    if hint:
        return hint
    if isinstance(field, forms.DecimalField):
        return _amount_hint(label, field)
    if type(field) is not forms.CharField or isinstance(field.widget, forms.Textarea):
        return ""  # dates, lists, numbers and long texts: the kernel's type rules
    for pattern, template in PATTERNS:
        if re.search(pattern, label):
            return template.format(label=label)
    return ""
