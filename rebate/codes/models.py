"""Reference libraries: customs tables, commodity codes, rate library, exchange rates, deadlines.

All of it is published by customs or the tax bureau and shared by every enterprise, so none of
these models is enterprise-owned. Every list is versioned or dated, so that a declaration of
2024 resolves what applied in 2024 (DESIGN §4.7).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from rebate.core.fields import ExchangeRateField, RateField

from .choices import (
    CodeTable,
    DeadlineKind,
    DeadlinePurpose,
    RateSource,
    RebateType,
    RuleStatus,
    SpecialFlag,
)

OPEN_END = date(2099, 12, 31)  # the library's "20991231 = open-ended"


class CodeTableVersion(models.Model):
    """One loaded version of one customs table; lookups read the current version only."""

    table = models.CharField("代码表", max_length=30, choices=CodeTable.choices)
    version = models.CharField("版本", max_length=40)
    source = models.CharField("来源", max_length=300, blank=True)
    checksum = models.CharField("校验和", max_length=64)
    row_count = models.PositiveIntegerField("记录数", default=0)
    current = models.BooleanField("当前版本", default=False)
    loaded_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "代码表版本"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["table", "version"], name="codes_table_version_uniq")
        ]


class CustomsCode(models.Model):
    """One code of a customs parameter table (监管方式, 币制, 国别, 计量单位 …)."""

    table_version = models.ForeignKey(
        CodeTableVersion, on_delete=models.CASCADE, related_name="codes", verbose_name="版本"
    )
    table = models.CharField("代码表", max_length=30, choices=CodeTable.choices)
    code = models.CharField("代码", max_length=20)
    name = models.CharField("名称", max_length=200)
    name_en = models.CharField("英文名称", max_length=200, blank=True)
    old_code = models.CharField("原海关代码", max_length=20, blank=True)
    old_ciq_code = models.CharField("原检验检疫代码", max_length=20, blank=True)
    rebate_type = models.CharField(
        "退税类型", max_length=20, choices=RebateType.choices, blank=True
    )
    valid_from = models.DateField("有效期起", null=True, blank=True)
    extra = models.JSONField("其他", default=dict, blank=True)

    class Meta:
        verbose_name = "海关参数代码"
        verbose_name_plural = verbose_name
        indexes = [
            models.Index(fields=["table", "code"]),
            models.Index(fields=["table", "old_code"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["table_version", "code"], name="codes_code_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Commodity(models.Model):
    """海关商品编码 (HS, 10 digits) with legal units and 增值税率 (the 征税率)."""

    table_version = models.ForeignKey(
        CodeTableVersion, on_delete=models.CASCADE, related_name="commodities", verbose_name="版本"
    )
    code = models.CharField("商品编码", max_length=10)
    name = models.CharField("商品名称", max_length=300)
    vat_rate = RateField("增值税率")
    export_duty_rate = RateField("出口税率", null=True, blank=True)
    consumption_tax_rate = models.CharField("消费税率", max_length=30, blank=True)
    first_unit = models.CharField("法定第一单位", max_length=3, blank=True)
    second_unit = models.CharField("法定第二单位", max_length=3, blank=True)
    license_codes = models.CharField("监管条件", max_length=30, blank=True)
    declaration_elements = models.TextField("申报要素", blank=True)
    removed = models.BooleanField("已作废", default=False)

    class Meta:
        verbose_name = "商品编码"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["table_version", "code"], name="codes_commodity_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RateLibraryVersion(models.Model):
    """One imported 出口退税率文库 (e.g. CMCODE2026B → "2026B"); the active one answers lookups."""

    version = models.CharField("文库版本", max_length=40, unique=True)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    checksum = models.CharField("校验和", max_length=64, blank=True)
    is_sample = models.BooleanField("样例文库", default=False)
    active = models.BooleanField("启用", default=False)
    row_count = models.PositiveIntegerField("记录数", default=0)
    note = models.CharField("说明", max_length=300, blank=True)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "退税率文库版本"
        verbose_name_plural = verbose_name
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.version}（样例，非官方）" if self.is_sample else self.version


class RateEntry(models.Model):
    """One row of cmcode.DBF: a code's rates during one validity interval (rates as fractions)."""

    library = models.ForeignKey(
        RateLibraryVersion, on_delete=models.CASCADE, related_name="entries", verbose_name="文库"
    )
    code = models.CharField("商品代码", max_length=20)
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期止", default=OPEN_END)
    converted_code = models.CharField("转换商品代码", max_length=20, blank=True)
    name = models.CharField("商品名称", max_length=500)
    unit_code = models.CharField("计量单位代码", max_length=3, blank=True)
    unit = models.CharField("计量单位", max_length=20, blank=True)
    basic_flag = models.CharField("基本商品标志", max_length=2, blank=True)
    standard_flag = models.CharField("标准商品标志", max_length=2, blank=True)
    standard_unit_flag = models.CharField("标准单位标志", max_length=2, blank=True)
    tax_kind = models.CharField("税种", max_length=10, blank=True)
    levy_rates = models.CharField("征税率集合", max_length=60, blank=True)
    levy_rate = RateField("征税率")
    quantity_levy = models.CharField("从量定额", max_length=20, blank=True)
    ad_valorem = models.CharField("从价定率", max_length=20, blank=True)
    rebate_rate = RateField("退税率")
    category = models.CharField("商品类别", max_length=10, blank=True)
    special_flag = models.CharField(
        "退税标志", max_length=2, choices=SpecialFlag.choices, blank=True
    )
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "退税率文库记录"
        verbose_name_plural = verbose_name
        indexes = [
            models.Index(fields=["library", "code", "valid_from"]),
        ]
        ordering = ["code", "valid_from"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ExchangeRate(models.Model):
    """人民币汇率中间价: RMB per 1 unit of ``currency`` on ``on_date`` (6 places)."""

    currency = models.CharField("币制", max_length=3)
    on_date = models.DateField("日期")
    rate = ExchangeRateField("中间价（每1单位）")
    source = models.CharField("来源", max_length=10, choices=RateSource.choices)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "人民币汇率中间价"
        verbose_name_plural = verbose_name
        ordering = ["-on_date", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "on_date"], name="codes_fx_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.on_date} {self.rate}"


class ExchangeRateChange(models.Model):
    """History of every entry and correction of a rate (who, when, before, after, why)."""

    exchange_rate = models.ForeignKey(
        ExchangeRate, on_delete=models.CASCADE, related_name="changes", verbose_name="汇率"
    )
    rate_before = ExchangeRateField("修改前", null=True, blank=True)
    rate_after = ExchangeRateField("修改后")
    source = models.CharField("来源", max_length=10, choices=RateSource.choices)
    reason = models.CharField("修改原因", max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    changed_at = models.DateTimeField("修改时间", auto_now_add=True)

    class Meta:
        verbose_name = "汇率修改记录"
        verbose_name_plural = verbose_name
        ordering = ["-changed_at", "-id"]


class DeadlineRule(models.Model):
    """A dated 申报期限 rule (DOMAIN §9), mirrored by rebate.calc.deadlines.DeadlineRule."""

    rule_id = models.CharField("规则编号", max_length=30, unique=True)
    business_code = models.CharField("业务代码", max_length=10)
    export_date_from = models.DateField("出口日期起", null=True, blank=True)
    export_date_to = models.DateField("出口日期止", null=True, blank=True)
    purpose = models.CharField(
        "规则用途", max_length=12, choices=DeadlinePurpose.choices, default=DeadlinePurpose.LIMIT
    )
    kind = models.CharField("期限类型", max_length=30, choices=DeadlineKind.choices)
    months = models.PositiveSmallIntegerField("月数", null=True, blank=True)
    days = models.PositiveSmallIntegerField("天数", null=True, blank=True)
    legal_basis = models.CharField("政策依据", max_length=200, blank=True)
    consequence = models.CharField("逾期后果", max_length=200, blank=True)
    status = models.CharField("核实状态", max_length=12, choices=RuleStatus.choices)
    enabled = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "申报期限规则"
        verbose_name_plural = verbose_name
        ordering = ["export_date_from", "rule_id"]

    def __str__(self) -> str:
        return self.rule_id
