"""备案申报's businesses (SPEC BA-01…BA-09): one package per filing, named by its 申请序号.

Codes and file short names are the bureau's (FORMS.md Part 2 §1 [verified: SbfileServiceImpl,
sbfjyl]). The 备案表's element names follow the national 备案 table's columns
(``CKTS_WBSJ_ZJ_CKTSBAQGXX``, FORMS.md §3.1 [verified as a system field list]); the 变更 rows
follow ``CKTS_BA_BABGQK_LSB``, the 先退税后核销 columns ``CKTS_JGB_BA_XTHHZG`` and the 委托代办
columns ``CKTS_BA_SCQYWTDBTS_LSB``. The 撤回, 集团成员, 放弃, 提醒 and 恢复适用 forms have no
published layout: their items are FORMS.md's inferred lists, element names this project's, in
the same style **[project decision]**. The enterprise's 纳税人识别号, 名称 and 海关企业代码 travel
in the package head, so only the 备案表 repeats them (it is the form that declares them).
"""

from __future__ import annotations

from ..spec import Field, Kind, RecordSpec
from .registry import BusinessSpec, PeriodKind, Section, register_business

D, A, N, T = Kind.DATE, Kind.AMOUNT, Kind.INT, Kind.TEXT
DIGITS = "[0-9]{1,50}"


def _f(
    tag: str,
    attr: str,
    label: str,
    kind: Kind = T,
    *,
    required: bool = False,
    pattern: str | None = None,
    max_length: int | None = None,
) -> Field:
    return Field(tag, attr, kind, label, required, pattern, max_length)  # fmt: skip


SEQUENCE = _f("sqxh", "sequence_no", "申请序号", required=True, max_length=8)
FILLED = _f("tbrq", "filled_on", "填表日期", D, required=True)

REGISTRATION_FIELDS = (
    SEQUENCE,
    _f("nsrsbh", "taxpayer_id", "纳税人识别号", required=True, max_length=20),
    _f("shxydm", "uscc", "统一社会信用代码", required=True, max_length=18),
    _f("hgqydm", "customs_code", "海关企业代码", required=True, max_length=10),
    _f("nsrmc", "name", "纳税人名称", required=True, max_length=300),
    _f("dwmyjyzbadjbbh", "trade_registration_no", "对外贸易经营者备案登记表编号", max_length=45),
    _f("ckqylx_dm", "enterprise_type", "出口退税企业类型代码", required=True, max_length=2),
    _f("tskhyhmc", "bank_name", "退税开户银行", required=True, max_length=100),
    _f("tskhyhzh", "bank_account", "退税开户银行账号", required=True, pattern=DIGITS),
    _f("blry1xm", "handler1_name", "办理退（免）税人员一姓名", required=True, max_length=50),
    _f("blry1zjhm", "handler1_id_no", "办理退（免）税人员一身份证件号码", required=True,
       max_length=30),
    _f("blry1lxdh", "handler1_phone", "办理退（免）税人员一联系电话", max_length=30),
    _f("blry2xm", "handler2_name", "办理退（免）税人员二姓名", max_length=50),
    _f("blry2zjhm", "handler2_id_no", "办理退（免）税人员二身份证件号码", max_length=30),
    _f("blry2lxdh", "handler2_phone", "办理退（免）税人员二联系电话", max_length=30),
    _f("jsff_dm", "refund_method", "出口货物退（免）税计算方法代码", required=True,
       pattern="[12]"),
    _f("lslfwbz", "zero_rate_flag", "提供零税率应税服务标志", required=True, pattern="[YN]"),
    _f("lslfw", "zero_rate_services", "零税率应税服务", max_length=200),
    _f("xszcyh", "vat_preference", "享受增值税优惠政策", max_length=20),
    _f("glxl", "management_type", "出口退（免）税管理类型", max_length=20),
    _f("fszl", "attachments", "附送资料", max_length=450),
    FILLED,
)  # fmt: skip

CHANGE_FIELDS = (
    SEQUENCE,
    _f("bgzd", "field", "变更字段", required=True, max_length=30),
    _f("bgzdsm", "label", "变更字段说明", required=True, max_length=60),
    _f("bgqnr", "old", "变更前内容", max_length=3000),
    _f("bghnr", "new", "变更后内容", max_length=3000),
    FILLED,
)

WITHDRAWAL_FIELDS = (
    SEQUENCE,
    _f("chyy", "reason", "撤回原因代码", required=True, max_length=2),
    _f("chyysm", "reason_note", "撤回原因说明", max_length=200),
    _f("sfjqtsk", "settled", "是否已结清退（免）税款", required=True, pattern="[YN]"),
    _f("jbr", "handler", "经办人", required=True, max_length=50),
    FILLED,
)

REFUND_FIRST_FIELDS = (
    SEQUENCE,
    _f("ckhth", "contract_no", "出口合同号", required=True, max_length=40),
    _f("wsdwmc", "foreign_party", "外商单位名称", required=True, max_length=200),
    _f("cksp_dm", "commodity_code", "出口商品代码", required=True, pattern="[0-9]{8,10}"),
    _f("ckspmc", "commodity_name", "出口商品名称", required=True, max_length=200),
    _f("tcrq", "production_start", "投产日期", D, required=True),
    _f("wgrq", "completion_date", "完工日期", D, required=True),
    _f("ckemy", "export_amount_usd", "出口额（美元）", A, required=True),
    _f("yjskcs", "expected_collections", "预计收款次数", N, required=True),
    _f("dycskbl", "first_ratio", "第一次收款比例（%）", A, required=True),
    _f("decskbl", "second_ratio", "第二次收款比例（%）", A),
    _f("qyskbl", "remaining_ratio", "其余收款比例（%）", A),
    _f("bz", "remark", "备注", max_length=200),
    FILLED,
)

GROUP_FIELDS = (
    SEQUENCE,
    _f("jtgsmc", "group_name", "集团公司名称", required=True, max_length=200),
    _f("jtgsnsrsbh", "group_taxpayer_id", "集团公司纳税人识别号", required=True, max_length=20),
    _f("cyqymc", "member_name", "成员企业名称", required=True, max_length=200),
    _f("cyqynsrsbh", "member_taxpayer_id", "成员企业纳税人识别号", required=True, max_length=20),
    _f("cyqyhgqydm", "member_customs_code", "成员企业海关企业代码", required=True,
       max_length=10),
    _f("zgswjg", "member_tax_authority", "主管税务机关", max_length=100),
    _f("kgbl", "holding_ratio", "控股比例（%）", A),
    _f("jbr", "handler", "经办人", required=True, max_length=50),
    FILLED,
)  # fmt: skip

WAIVER_FIELDS = (
    SEQUENCE,
    _f("fqfw", "scope", "放弃范围", required=True, max_length=200),
    _f("fqhsy", "applies_after", "放弃后适用", required=True, max_length=2),
    _f("qsrq", "start_on", "起始日期", D, required=True),
    _f("fqyy", "reason", "放弃原因", required=True, max_length=200),
    _f("jbr", "handler", "经办人", required=True, max_length=50),
    FILLED,
)

REMINDER_FIELDS = (
    SEQUENCE,
    _f("txsx", "items", "提醒事项", required=True, max_length=100),
    _f("sjhm1", "phone1", "接收手机号码一", required=True, pattern="1[3-9][0-9]{9}"),
    _f("sjhm2", "phone2", "接收手机号码二", pattern="1[3-9][0-9]{9}"),
    _f("lxr", "contact", "联系人", required=True, max_length=50),
    _f("bllx", "action", "办理类型", required=True, max_length=2),
    FILLED,
)

RESUMPTION_FIELDS = (
    SEQUENCE,
    _f("fqywdm", "waiver_code", "原放弃业务代码", required=True, pattern="A040900[234]"),
    _f("yfqbarq", "waived_on", "原放弃备案日期", D, required=True),
    _f("hfqsrq", "resume_from", "恢复起始日期", D, required=True),
    _f("jbr", "handler", "经办人", required=True, max_length=50),
    FILLED,
)

AGENCY_FIELDS = (
    SEQUENCE,
    _f("wmzhqymc", "agent_name", "外贸综合服务企业纳税人名称", required=True, max_length=200),
    _f("wmzhqyhgdm", "agent_customs_code", "外贸综合服务企业海关企业代码", required=True,
       max_length=10),
    _f("wmzhqyshxydm", "agent_uscc", "外贸综合服务企业社会信用代码", required=True,
       max_length=18),
    _f("wmzhhth", "contract_no", "外贸综合服务合同（协议）号码", required=True, max_length=60),
    _f("tskhyhmc", "bank_name", "退税开户银行名称", required=True, max_length=100),
    _f("tskhyhzh", "bank_account", "退税开户银行账号", required=True, pattern=DIGITS),
    _f("fddbrxm", "legal_representative", "法定代表人姓名", required=True, max_length=50),
    FILLED,
)  # fmt: skip

AGENCY_WITHDRAWAL_FIELDS = (
    SEQUENCE,
    _f("wmzhqymc", "agent_name", "外贸综合服务企业纳税人名称", required=True, max_length=200),
    _f("wmzhqyshxydm", "agent_uscc", "外贸综合服务企业社会信用代码", required=True,
       max_length=18),
    _f("wmzhhth", "contract_no", "外贸综合服务合同（协议）号码", required=True, max_length=60),
    _f("chyy", "reason", "撤回原因", required=True, max_length=200),
    FILLED,
)  # fmt: skip

# code, short name, label, main section, record label, fields
BUSINESSES = (
    ("A0101001", "rdxx", "出口退（免）税备案", "BAXX", "出口退（免）税备案表",
     REGISTRATION_FIELDS),
    ("A0102001", "rdbg", "出口退（免）税备案变更", "BGMX", "出口退（免）税备案变更明细",
     CHANGE_FIELDS),
    ("A0103001", "rdzx", "出口退（免）税备案撤回", "CHSQ", "出口退（免）税备案撤回申请表",
     WITHDRAWAL_FIELDS),
    ("A0105001", "jtcy", "集团公司成员企业备案", "JTCY", "集团公司成员企业备案表",
     GROUP_FIELDS),
    ("A0107001", "xthh", "先退税后核销资格申请", "XTHH", "先退税后核销资格申请表",
     REFUND_FIRST_FIELDS),
    ("A0109001", "wtdb_ba", "委托代办退税备案", "WTDB", "生产企业委托代办退税备案表",
     AGENCY_FIELDS),
    ("A0109002", "wtdb_ch", "委托代办退税备案撤回", "WTCH", "生产企业委托代办退税备案撤回表",
     AGENCY_WITHDRAWAL_FIELDS),
    ("A0409001", "txfw", "出口退税业务提醒申请", "TXFW", "出口退税业务提醒申请表",
     REMINDER_FIELDS),
    ("A0409002", "fqms", "放弃免税权", "FQSM", "放弃免税权声明", WAIVER_FIELDS),
    ("A0409003", "fqlsl", "放弃适用增值税零税率", "FQSM", "放弃适用增值税零税率声明",
     WAIVER_FIELDS),
    ("A0409004", "fqts", "放弃出口退（免）税", "FQSM", "放弃出口退（免）税声明",
     WAIVER_FIELDS),
    ("A0409005", "hftmsq", "恢复适用出口退（免）税政策声明", "HFSY",
     "恢复适用出口退（免）税政策声明", RESUMPTION_FIELDS),
)  # fmt: skip

SPECS = {
    code: register_business(
        BusinessSpec(
            code=code, short_name=short, label=label, period_kind=PeriodKind.NONE,
            self_check=False, title=record_label,
            sections=(Section(section, RecordSpec("Record", record_label, fields),
                              required=True, line_field="sequence_no"),),
            notes=(__doc__.split("\n\n")[1].replace("\n", " "),) if __doc__ else (),
        )
    )
    for code, short, label, section, record_label, fields in BUSINESSES
}  # fmt: skip
