"""Codes of the 备案 forms. Sources: FORMS.md Part 2 (B = believed, I = inferred there)."""

from django.db import models

from rebate.configuration.choices import YesNo as YesNo  # 是/否 (Y/N), one definition


class EnterpriseType(models.TextChoices):
    """出口退税企业类型 (FORMS §3.1 item 5, B)."""

    DOMESTIC = "01", "内资生产企业"
    FOREIGN = "02", "外商投资企业"
    TRADING = "03", "外贸企业"
    OTHER = "04", "其他单位"


class RefundMethod(models.TextChoices):
    """出口货物退（免）税计算方法 (FORMS §3.1 item 9, V: 1生产/2外贸)."""

    EXEMPT_CREDIT_REFUND = "1", "免抵退税"
    EXEMPT_REFUND = "2", "免退税"


class VatPreference(models.TextChoices):
    """享受增值税优惠政策 (FORMS §3.1 item 12, B)."""

    NONE = "", "无"
    LEVY_REFUND = "01", "先征后退"
    IMMEDIATE_REFUND = "02", "即征即退"
    BURDEN_REFUND = "03", "超税负返还"
    OTHER = "99", "其他"


class ManagementType(models.TextChoices):
    """出口退（免）税管理类型 (FORMS §3.1 item 13, B)."""

    NONE = "", "无"
    COMPREHENSIVE = "01", "外贸综合服务企业"
    AGENCY = "02", "委托代办退税生产企业"
    GROUP = "03", "集团公司成员企业"


class WithdrawalReason(models.TextChoices):
    """备案撤回原因 (FORMS §3.2, I)."""

    DEREGISTER = "01", "注销税务登记"
    REORGANISE = "02", "合并、分立、改制重组"
    GIVE_UP = "03", "放弃出口退（免）税"
    OTHER = "99", "其他"


class WaiverKind(models.TextChoices):
    """放弃业务 (A0409002–4, FORMS §1 [V])."""

    EXEMPTION = "A0409002", "放弃免税权"
    ZERO_RATE = "A0409003", "放弃适用增值税零税率"
    REFUND = "A0409004", "放弃出口退（免）税"


class AppliesAfter(models.TextChoices):
    """放弃后适用 (FORMS §3.5, I)."""

    EXEMPT = "01", "免税"
    TAXED = "02", "征税"


class ReminderAction(models.TextChoices):
    """开通 / 变更 / 取消 (FORMS §3.6, I)."""

    OPEN = "01", "开通"
    CHANGE = "02", "变更"
    CANCEL = "03", "取消"
