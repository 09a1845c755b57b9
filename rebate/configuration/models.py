"""配置: the enterprise's own lists and settings (all enterprise-owned, SPEC PZ-01…PZ-08)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rebate.codes.choices import RateMethod
from rebate.core.models import EnterpriseOwned

from .choices import FilingSource, YesNo


class EnterpriseCurrency(EnterpriseOwned):
    """PZ-01 币别: a currency the enterprise uses in entry."""

    currency_code = models.CharField("币别代码", max_length=3)
    name = models.CharField("币别名称", max_length=50)
    old_code = models.CharField("海关币制数字代码", max_length=3, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "币别"
        verbose_name_plural = verbose_name
        ordering = ["currency_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "currency_code"], name="cfg_currency_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.currency_code} {self.name}"


class Principal(EnterpriseOwned):
    """PZ-02 委托企业: an enterprise in entrusted (委托) or agency (代理) export business."""

    name = models.CharField("企业名称", max_length=200)
    taxpayer_id = models.CharField("纳税人识别号", max_length=18)
    customs_code = models.CharField("海关企业代码", max_length=10, blank=True)
    contact = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "委托企业"
        verbose_name_plural = verbose_name
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "taxpayer_id"], name="cfg_principal_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class DeliveryPlace(EnterpriseOwned):
    """PZ-03 自用到货地点: a place where the enterprise's goods arrive."""

    code = models.CharField("到货地点代码", max_length=20)
    name = models.CharField("到货地点名称", max_length=200)
    district_code = models.CharField("境内货源地", max_length=5, blank=True)
    address = models.CharField("详细地址", max_length=300, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "自用到货地点"
        verbose_name_plural = verbose_name
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "code"], name="cfg_place_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EnterpriseExtension(EnterpriseOwned):
    """PZ-06 企业扩展信息 (e.g. 无纸化标志) with its validity."""

    type_code = models.CharField("扩展类型代码", max_length=4)
    value = models.CharField("标志", max_length=1, choices=YesNo.choices, default=YesNo.YES)
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期止", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "企业扩展信息"
        verbose_name_plural = verbose_name
        ordering = ["type_code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "type_code", "valid_from"], name="cfg_extension_uniq"
            )
        ]


class EnterpriseProfile(EnterpriseOwned):
    """PZ-08 企业信息: what the clerk completes about the enterprise (one per enterprise)."""

    legal_representative = models.CharField("法定代表人", max_length=50)
    contact = models.CharField("办税人员", max_length=50)
    phone = models.CharField("联系电话", max_length=30)
    address = models.CharField("注册地址", max_length=300, blank=True)
    tax_authority = models.CharField("主管税务机关", max_length=100, blank=True)
    bank_name = models.CharField("开户银行", max_length=100, blank=True)
    bank_account = models.CharField("银行账号", max_length=40, blank=True)

    class Meta:
        verbose_name = "企业信息"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["enterprise"], name="cfg_profile_uniq")]


class EnterpriseFiling(EnterpriseOwned):
    """PZ-04 备案信息: the bureau's record of the enterprise, refreshed by 反馈读入 (TS-28)."""

    filing_no = models.CharField("退(免)税备案编号", max_length=40, blank=True)
    filing_date = models.DateField("备案日期", null=True, blank=True)
    refund_authority = models.CharField("退税机关", max_length=100, blank=True)
    refund_method = models.CharField("退税计算方法", max_length=20, blank=True)
    category = models.CharField("分类管理类别", max_length=10, blank=True)
    taxpayer_type = models.CharField("纳税人类型", max_length=30, blank=True)
    enterprise_type = models.CharField("企业类型", max_length=30, blank=True)
    source = models.CharField(
        "数据来源", max_length=10, choices=FilingSource.choices, default=FilingSource.FEEDBACK
    )
    source_note = models.CharField("来源说明", max_length=200, blank=True)
    # The 《出口退（免）税备案表》 in force as the bureau approved it (备案申报 BA-01 writes it):
    # [[field, 说明, 代码或值, 显示内容], …] in the form's order
    details = models.JSONField("备案内容", default=list, blank=True)

    class Meta:
        verbose_name = "备案信息"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["enterprise"], name="cfg_filing_uniq")]


class FilingHistory(EnterpriseOwned):
    """PZ-04's 备案历史: one row per approved filing (备案, 变更, 撤回, 放弃 …) as applied."""

    business_code = models.CharField("业务代码", max_length=8)
    label = models.CharField("备案业务", max_length=60)
    filed_on = models.DateField("备案日期")
    summary = models.CharField("备案内容", max_length=2000, blank=True)
    receipt_no = models.CharField("受理回执号", max_length=40, blank=True)

    class Meta:
        verbose_name = "备案历史"
        verbose_name_plural = verbose_name
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.filed_on} {self.label}"


class RateMethodChoice(EnterpriseOwned):
    """汇率折算方式 chosen for a year (in force from 1 January; not changeable within it)."""

    year = models.PositiveSmallIntegerField("适用年度")
    method = models.CharField("汇率折算方式", max_length=20, choices=RateMethod.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )

    class Meta:
        verbose_name = "汇率折算方式"
        verbose_name_plural = verbose_name
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="cfg_rate_method_uniq")
        ]
