"""备案申报's forms (SPEC BA-01…BA-09), one model per form. No 所属期: each filing is its own
package, numbered by its 申请序号 (the batch number). Field sources are named per form; the
wire element of each field is in rebate.integrations.wire.package.filings.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from rebate.core.fields import AmountField
from rebate.core.models import BatchRecord, EnterpriseOwned

from . import validators as v
from .choices import (
    AppliesAfter,
    EnterpriseType,
    ManagementType,
    RefundMethod,
    ReminderAction,
    VatPreference,
    WaiverKind,
    WithdrawalReason,
    YesNo,
)

COMMODITY = RegexValidator(r"^[0-9]{8,10}$", "出口商品代码应为8至10位数字")
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Filing(BatchRecord):
    """A filing: no 所属期; 填表日期 is the day it is collected."""

    period = models.CharField("所属期", max_length=6, blank=True, editable=False)
    filled_on = models.DateField("填表日期", default=datetime.date.today)

    class Meta:
        abstract = True
        ordering = ["-sequence_no", "-id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.sequence_no}"


def _handler_needs_id(row: models.Model, n: int) -> dict[str, str]:
    name, id_no = getattr(row, f"handler{n}_name"), getattr(row, f"handler{n}_id_no")
    if name and not id_no:
        return {f"handler{n}_id_no": "办理退（免）税人员须填写身份证件号码"}
    if id_no and not name:
        return {f"handler{n}_name": "请填写办理退（免）税人员姓名"}
    return {}


class RegistrationContent(Filing):
    """《出口退（免）税备案表》's items (DOMAIN §7.6; FORMS §3.1 [V: CKTS_WBSJ_ZJ_CKTSBAQGXX]),
    prefilled from 企业信息 (PZ-08) and the enterprise's registration."""

    taxpayer_id = models.CharField("纳税人识别号", max_length=20)
    uscc = models.CharField("统一社会信用代码", max_length=18, validators=[v.uscc])
    customs_code = models.CharField("海关企业代码", max_length=10, validators=[v.customs_code])
    name = models.CharField("纳税人名称", max_length=200)
    trade_registration_no = models.CharField(
        "对外贸易经营者备案登记表编号", max_length=45, blank=True
    )
    enterprise_type = models.CharField(
        "出口退税企业类型", max_length=2, choices=EnterpriseType.choices,
        default=EnterpriseType.DOMESTIC,
    )  # fmt: skip
    bank_name = models.CharField("退税开户银行", max_length=100)
    bank_account = models.CharField("退税开户银行账号", max_length=50, validators=[v.bank_account])
    handler1_name = models.CharField("办理退（免）税人员一姓名", max_length=50)
    handler1_id_no = models.CharField(
        "办理退（免）税人员一身份证件号码", max_length=30, blank=True, validators=[v.id_number]
    )
    handler1_phone = models.CharField("办理退（免）税人员一联系电话", max_length=30, blank=True)
    handler2_name = models.CharField("办理退（免）税人员二姓名", max_length=50, blank=True)
    handler2_id_no = models.CharField(
        "办理退（免）税人员二身份证件号码", max_length=30, blank=True, validators=[v.id_number]
    )
    handler2_phone = models.CharField("办理退（免）税人员二联系电话", max_length=30, blank=True)
    refund_method = models.CharField(
        "出口货物退（免）税计算方法", max_length=1, choices=RefundMethod.choices,
        default=RefundMethod.EXEMPT_CREDIT_REFUND,
    )  # fmt: skip
    zero_rate_flag = models.CharField(
        "提供零税率应税服务", max_length=1, choices=YesNo.choices, default=YesNo.NO
    )
    zero_rate_services = models.CharField("零税率应税服务", max_length=200, blank=True)
    vat_preference = models.CharField(
        "享受增值税优惠政策", max_length=2, choices=VatPreference.choices, blank=True
    )
    management_type = models.CharField(
        "出口退（免）税管理类型", max_length=2, choices=ManagementType.choices, blank=True
    )
    attachments = models.CharField("附送资料", max_length=450, blank=True)

    class Meta(Filing.Meta):
        abstract = True

    def clean(self) -> None:
        errors = {**_handler_needs_id(self, 1), **_handler_needs_id(self, 2)}
        if self.zero_rate_flag == YesNo.YES and not self.zero_rate_services:
            errors["zero_rate_services"] = "提供零税率应税服务的，请填写零税率应税服务"
        if errors:
            raise ValidationError(errors)


class Registration(RegistrationContent):
    """BA-01 出口退（免）税备案 (A0101001 rdxx)."""

    class Meta(RegistrationContent.Meta):
        verbose_name = "出口退（免）税备案"
        verbose_name_plural = verbose_name


class RegistrationChange(RegistrationContent):
    """BA-01 出口退（免）税备案变更 (A0102001 rdbg): the form's new values; ``changes`` holds the
    changed items only ([field, 说明, 变更前, 变更后], FORMS §3.1 change form [V:
    CKTS_BA_BABGQK_LSB]), computed against the 备案 in force when it is saved."""

    changes = models.JSONField("变更内容", default=list, editable=False)

    class Meta(RegistrationContent.Meta):
        verbose_name = "出口退（免）税备案变更"
        verbose_name_plural = verbose_name


class Withdrawal(Filing):
    """BA-02 出口退（免）税备案撤回 (A0103001 rdzx). No layout published: FORMS §3.2's
    inferred items."""

    reason = models.CharField("撤回原因", max_length=2, choices=WithdrawalReason.choices)
    reason_note = models.CharField("撤回原因说明", max_length=200, blank=True)
    settled = models.CharField(
        "是否已结清退（免）税款", max_length=1, choices=YesNo.choices, default=YesNo.YES
    )
    handler = models.CharField("经办人", max_length=50)

    class Meta(Filing.Meta):
        verbose_name = "出口退（免）税备案撤回"
        verbose_name_plural = verbose_name


class RefundFirst(Filing):
    """BA-03 先退税后核销资格申请 (A0107001 xthh): FORMS §3.3 [V: CKTS_JGB_BA_XTHHZG]."""

    contract_no = models.CharField("出口合同号", max_length=40)
    foreign_party = models.CharField("外商单位名称", max_length=200)
    commodity_code = models.CharField("出口商品代码", max_length=10, validators=[COMMODITY])
    commodity_name = models.CharField("出口商品名称", max_length=200)
    production_start = models.DateField("投产日期")
    completion_date = models.DateField("完工日期")
    export_amount_usd = AmountField("出口额（美元）", validators=[MinValueValidator(0)])
    expected_collections = models.PositiveSmallIntegerField(
        "预计收款次数", validators=[MinValueValidator(2)]
    )
    first_ratio = AmountField("第一次收款比例（%）", validators=PERCENT)
    second_ratio = AmountField("第二次收款比例（%）", null=True, blank=True, validators=PERCENT)
    remaining_ratio = AmountField("其余收款比例（%）", null=True, blank=True, validators=PERCENT)
    remark = models.CharField("备注", max_length=200, blank=True)

    class Meta(Filing.Meta):
        verbose_name = "先退税后核销资格申请"
        verbose_name_plural = verbose_name

    def clean(self) -> None:
        errors = {}
        start, end = self.production_start, self.completion_date
        if start and end and end < start:
            errors["completion_date"] = "完工日期不能早于投产日期"
        ratios = [r for r in (self.first_ratio, self.second_ratio, self.remaining_ratio) if r]
        if self.first_ratio is not None and sum(ratios) != 100:
            errors["first_ratio"] = f"各次收款比例合计应为100%，现为{sum(ratios)}%"
        if errors:
            raise ValidationError(errors)


class GroupMember(Filing):
    """BA-04 集团公司成员企业备案 (A0105001 jtcy): one member per record. No layout published:
    FORMS §3.4's inferred items (after 公告2012年第24号)."""

    group_name = models.CharField("集团公司名称", max_length=200)
    group_taxpayer_id = models.CharField("集团公司纳税人识别号", max_length=18, validators=[v.uscc])
    member_name = models.CharField("成员企业名称", max_length=200)
    member_taxpayer_id = models.CharField(
        "成员企业纳税人识别号", max_length=18, validators=[v.uscc]
    )
    member_customs_code = models.CharField(
        "成员企业海关企业代码", max_length=10, validators=[v.customs_code]
    )
    member_tax_authority = models.CharField("主管税务机关", max_length=100, blank=True)
    holding_ratio = AmountField("控股比例（%）", null=True, blank=True, validators=PERCENT)
    handler = models.CharField("经办人", max_length=50)

    class Meta(Filing.Meta):
        verbose_name = "集团公司成员企业备案"
        verbose_name_plural = verbose_name


class Waiver(Filing):
    """BA-05 放弃业务 (A0409002 放弃免税权 / A0409003 放弃零税率 / A0409004 放弃退（免）税):
    the three 声明 share FORMS §3.5's inferred items; ``kind`` is the business."""

    kind = models.CharField("放弃业务", max_length=8, choices=WaiverKind.choices)
    scope = models.CharField("放弃范围", max_length=200, default="全部出口货物劳务")
    applies_after = models.CharField(
        "放弃后适用", max_length=2, choices=AppliesAfter.choices, default=AppliesAfter.EXEMPT
    )
    start_on = models.DateField("起始日期")
    reason = models.CharField("放弃原因", max_length=200)
    handler = models.CharField("经办人", max_length=50)

    class Meta(Filing.Meta):
        verbose_name = "放弃业务"
        verbose_name_plural = verbose_name


class Reminder(Filing):
    """BA-06 出口退税业务提醒申请 (A0409001 txfw, 短信提醒): FORMS §3.6's inferred items; the
    reminders are the issue's (即将逾期申报, 收汇, 单证备案)."""

    remind_deadline = models.BooleanField("即将逾期申报提醒", default=True)
    remind_receipt = models.BooleanField("收汇提醒", default=True)
    remind_documents = models.BooleanField("单证备案提醒", default=True)
    phone1 = models.CharField("接收手机号码一", max_length=11, validators=[v.phone])
    phone2 = models.CharField("接收手机号码二", max_length=11, blank=True, validators=[v.phone])
    contact = models.CharField("联系人", max_length=50)
    action = models.CharField(
        "办理类型", max_length=2, choices=ReminderAction.choices, default=ReminderAction.OPEN
    )

    class Meta(Filing.Meta):
        verbose_name = "出口退税业务提醒申请"
        verbose_name_plural = verbose_name

    @property
    def items(self) -> str:
        picked = [("即将逾期申报", self.remind_deadline), ("收汇", self.remind_receipt),
                  ("单证备案", self.remind_documents)]  # fmt: skip
        return ",".join(label for label, on in picked if on)

    def clean(self) -> None:
        if self.action != ReminderAction.CANCEL and not self.items:
            raise ValidationError({"remind_deadline": "请至少选择一项提醒事项"})


class Resumption(Filing):
    """BA-07 恢复适用出口退（免）税政策声明 (A0409005 hftmsq): FORMS §3.7's inferred items."""

    waiver_code = models.CharField("原放弃业务", max_length=8, choices=WaiverKind.choices)
    waived_on = models.DateField("原放弃备案日期")
    resume_from = models.DateField("恢复起始日期")
    handler = models.CharField("经办人", max_length=50)

    class Meta(Filing.Meta):
        verbose_name = "恢复适用出口退（免）税"
        verbose_name_plural = verbose_name

    def clean(self) -> None:
        if self.waived_on and self.resume_from and self.resume_from <= self.waived_on:
            raise ValidationError({"resume_from": "恢复起始日期应晚于原放弃备案日期"})


class Agency(Filing):
    """BA-08 委托代办退税备案 (A0109001 wtdb_ba): FORMS §3.8 [V: CKTS_BA_SCQYWTDBTS_LSB]."""

    agent_name = models.CharField("外贸综合服务企业纳税人名称", max_length=200)
    agent_customs_code = models.CharField(
        "外贸综合服务企业海关企业代码", max_length=10, validators=[v.customs_code]
    )
    agent_uscc = models.CharField(
        "外贸综合服务企业社会信用代码", max_length=18, validators=[v.uscc]
    )
    contract_no = models.CharField("外贸综合服务合同（协议）号码", max_length=60)
    bank_name = models.CharField("退税开户银行名称", max_length=100)
    bank_account = models.CharField("退税开户银行账号", max_length=50, validators=[v.bank_account])
    legal_representative = models.CharField("法定代表人姓名", max_length=50)

    class Meta(Filing.Meta):
        verbose_name = "委托代办退税备案"
        verbose_name_plural = verbose_name


class AgencyWithdrawal(Filing):
    """BA-09 委托代办退税备案撤回 (A0109002 wtdb_ch): the 备案 it withdraws (FORMS §3.8: the
    result table's 备案撤回标志/日期; the form's items are inferred)."""

    agent_name = models.CharField("外贸综合服务企业纳税人名称", max_length=200)
    agent_uscc = models.CharField(
        "外贸综合服务企业社会信用代码", max_length=18, validators=[v.uscc]
    )
    contract_no = models.CharField("外贸综合服务合同（协议）号码", max_length=60)
    reason = models.CharField("撤回原因", max_length=200)

    class Meta(Filing.Meta):
        verbose_name = "委托代办退税备案撤回"
        verbose_name_plural = verbose_name


class Standing(EnterpriseOwned):
    """What an approved filing put in force for the enterprise (the bureau's feedback applied):
    a 放弃 with its date, a withdrawn 备案, a 委托代办; ``ended_on`` when it was lifted
    (恢复适用, a new 备案, a 委托代办撤回). The gates (rebate.filings.gates) read these."""

    business_code = models.CharField("业务代码", max_length=8)
    label = models.CharField("业务", max_length=60)
    started_on = models.DateField("起始日期")
    ended_on = models.DateField("终止日期", null=True, blank=True)
    reason = models.CharField("原因", max_length=300, blank=True)
    counterpart = models.CharField("关联企业", max_length=200, blank=True)
    receipt_no = models.CharField("受理回执号", max_length=40, blank=True)

    class Meta:
        verbose_name = "备案事项"
        verbose_name_plural = verbose_name
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.label} {self.started_on}"
