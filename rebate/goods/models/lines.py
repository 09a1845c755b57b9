"""货物采集 records. The 明细表 line first: other apps read it (customs 生成退税, declarations)."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from rebate.core.fields import AmountField, ExchangeRateField, QuantityField, RateField
from rebate.core.models import BatchRecord, fraction_validators

from ..choices import LineOrigin

month_validator = RegexValidator(r"^\d{4}(0[1-9]|1[0-2])$", "年月格式应为YYYYMM")
item_key_validator = RegexValidator(
    r"^\d{18}0\d{2}$", "出口报关单号应为21位：18位海关编号+0+2位项号"
)
commodity_validator = RegexValidator(r"^\d{10}$", "出口商品代码应为10位数字")


class ExportLine(BatchRecord):  # type: ignore[django-manager-missing, unused-ignore]
    """One line of the 明细表 (DOMAIN §7.1, TS-01…TS-06), named by period (calc.mdt.names).

    Computed columns (料件组成计税价格, 不得免征和抵扣税额, 免抵退税额) are written only by
    goods.services through rebate.calc. A line inside a declaration batch
    (`declaration_batch_id` set, status 已生成/已正式申报) is read-only; 冲减 lines point to the
    line they reverse through `reverses`.
    """

    invoice_no = models.CharField("出口发票号", max_length=40, blank=True)
    item_key = models.CharField("出口报关单号", max_length=21, validators=[item_key_validator])
    export_date = models.DateField("出口日期")
    agency_certificate_no = models.CharField("代理出口货物证明号码", max_length=40, blank=True)
    commodity_code = models.CharField(
        "出口商品代码", max_length=10, validators=[commodity_validator]
    )
    commodity_name = models.CharField("申报海关商品名称", max_length=200)
    unit = models.CharField("计量单位", max_length=20)
    quantity = QuantityField("出口数量")
    fob_usd = AmountField("出口销售额（美元）")
    fob_cny = AmountField("出口销售额（人民币）")
    # Customs' own figures (at its monthly rate) for comparison only: the line's amounts are
    # at the enterprise's rates (DOMAIN §12.5). Blank on lines not generated from customs data.
    customs_fob_usd = AmountField("海关美元离岸价", null=True, blank=True)
    customs_fob_cny = AmountField("海关人民币离岸价", null=True, blank=True)
    levy_rate = RateField("征税率", validators=fraction_validators)
    rebate_rate = RateField("退税率", validators=fraction_validators)
    allocation_rate = RateField("计划分配率", null=True, blank=True, validators=fraction_validators)
    bonded_materials_price = AmountField("保税进口料件组成计税价格", default=0)
    domestic_free_materials = AmountField("国内购进免税原材料价格", default=0)
    non_creditable = AmountField("不得免征和抵扣税额", default=0)
    exempt_credit_refund = AmountField("免抵退税额", default=0)
    handbook_no = models.CharField("进料加工手（账）册号", max_length=12, blank=True)
    trade_mode = models.CharField("监管方式", max_length=4, blank=True)
    business_types = models.CharField(
        "业务类型", max_length=100, blank=True, help_text="多个业务类型以逗号分隔，如 HZCJ-TY"
    )
    contract_no = models.CharField("出口合同号", max_length=60, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)
    currency = models.CharField("成交币种", max_length=3, blank=True)
    transaction_total = AmountField("成交总价", null=True, blank=True)
    transaction_fob = AmountField("原币离岸价", null=True, blank=True)
    transaction_rate = ExchangeRateField("成交币汇率", null=True, blank=True)
    usd_rate = ExchangeRateField("美元汇率", null=True, blank=True)
    rebate_month = models.CharField(
        "免抵退税年月", max_length=6, blank=True, validators=[month_validator]
    )
    suspended_month = models.CharField(
        "暂不办理年月", max_length=6, blank=True, validators=[month_validator]
    )
    declared_commodity_code = models.CharField("申报商品代码", max_length=10, blank=True)
    declared_commodity_name = models.CharField("申报商品名称", max_length=200, blank=True)
    domestic_shipment_mode = models.CharField("国内启运方式", max_length=10, blank=True)
    customs_certified_type = models.CharField("海关认证企业类型", max_length=10, blank=True)
    reverses = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversals",
        verbose_name="冲减原明细",
    )
    origin = models.CharField(
        "来源", max_length=10, choices=LineOrigin.choices, default=LineOrigin.MANUAL
    )
    # Set when a newly activated 退税率文库 changed the rate valid on the 出口日期 of this
    # undeclared line (goods.recheck); the next save through the services clears it.
    recheck_reason = models.CharField("需重新检查", max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = "出口货物明细"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]
        indexes = [
            models.Index(fields=["enterprise", "-period", "sequence_no", "id"]),
            models.Index(fields=["enterprise", "item_key"]),
            models.Index(fields=["enterprise", "commodity_code", "-period", "sequence_no", "id"]),
            models.Index(fields=["enterprise", "trade_mode", "-period", "sequence_no", "id"]),
            # The API's cursor order (-id, rebate.api.pagination) under its usual filters: an
            # index ending in id serves "WHERE … ORDER BY id DESC LIMIT 51" without sorting an
            # enterprise's or a period's lines (2.4 s at 1M lines with a period filter).
            models.Index(fields=["enterprise", "id"]),
            models.Index(fields=["enterprise", "period", "id"]),
            models.Index(fields=["enterprise", "commodity_code", "id"]),
            # Both filters: without it the planners read the period's lines backwards by id
            # looking for the code (1.2–1.4 s at 1M lines when no line of the period has it).
            models.Index(fields=["enterprise", "period", "commodity_code", "id"]),
            models.Index(fields=["enterprise", "status", "period", "id"]),
            # 状态 alone (海外仓 lines are the declared ones): SQLite read 1M lines backwards by id
            # for a declared line (4.9 s) when none was.
            models.Index(fields=["enterprise", "status", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.sequence_no} {self.item_key}"

    @property
    def business_type_codes(self) -> list[str]:
        return [c for c in (s.strip() for s in self.business_types.split(",")) if c]
