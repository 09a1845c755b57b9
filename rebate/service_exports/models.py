"""服务采集 (SPEC TS-13…TS-17): the services forms of the A0305001 bundle.

《跨境应税行为免抵退税申报明细表》 follows DOMAIN §7.5 [verified: TAX-SYS]; the four transport
forms' columns are [inferred] (the tax side names the tables GJYS, HKYS_QS, KYHJ and TLHY only).
"""

from __future__ import annotations

from django.db import models

from rebate.core.fields import AmountField, ExchangeRateField, QuantityField, RateField
from rebate.core.models import BatchRecord, fraction_validators

ORDER = ["-period", "sequence_no", "id"]


class TransportKind(models.TextChoices):
    INTERNATIONAL = "1", "国际运输"
    HMT = "2", "港澳台运输"


class TransportLine(BatchRecord):
    """《国际运输（港澳台运输）免抵退税申报明细表》 (GJYS)."""

    transport_kind = models.CharField("运输类型", max_length=1, choices=TransportKind.choices)
    conveyance = models.CharField("运输工具名称及航次", max_length=100)
    departure = models.CharField("起运地", max_length=100)
    destination = models.CharField("到达地", max_length=100)
    transport_date = models.DateField("运输日期")
    invoice_no = models.CharField("出口发票号", max_length=40)
    invoice_date = models.DateField("开票日期")
    currency = models.CharField("收入原币代码", max_length=3)
    amount = AmountField("营业额（原币）")
    usd_rate = ExchangeRateField("美元汇率")
    turnover_usd = AmountField("营业额（折美元）")
    turnover_cny = AmountField("营业额（人民币）")
    taxable_cny = AmountField("免抵退税计税金额")
    levy_rate = RateField("征税率", validators=fraction_validators)
    rebate_rate = RateField("退税率", validators=fraction_validators)
    non_creditable = AmountField("计税金额乘征退税率之差", default=0)
    exempt_credit_refund = AmountField("免抵退税额", default=0)
    business_types = models.CharField("业务类型", max_length=100, blank=True)
    rebate_month = models.CharField("免抵退税年月", max_length=6, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "国际/港澳台运输"
        verbose_name_plural = verbose_name
        ordering = ORDER

    def __str__(self) -> str:
        return f"{self.period} {self.sequence_no} {self.conveyance}"


class SettlementBase(BatchRecord):
    """The three settlement forms share: counterparty, currency and amounts in three currencies."""

    counterparty = models.CharField("清算对方", max_length=200)
    currency = models.CharField("币种", max_length=3)
    amount = AmountField("清算金额（原币）")
    amount_usd = AmountField("清算金额（美元）")
    amount_cny = AmountField("清算金额（人民币）")
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        abstract = True


class SpaceBill(SettlementBase):
    """航天运输收入清算账单 (HKYS_QS)."""

    bill_no = models.CharField("清算账单号", max_length=60)
    bill_date = models.DateField("账单日期")
    mission = models.CharField("发射任务（卫星）名称", max_length=200)

    class Meta:
        verbose_name = "航天运输收入清算账单"
        verbose_name_plural = verbose_name
        ordering = ORDER

    def __str__(self) -> str:
        return self.bill_no


class PassengerKind(models.TextChoices):
    PASSENGER = "1", "旅客"
    BAGGAGE = "2", "行李包裹"


class PassengerLetter(SettlementBase):
    """国际旅客/行李包裹运输清算函件 (KYHJ)."""

    letter_no = models.CharField("清算函件号", max_length=60)
    letter_date = models.DateField("函件日期")
    business_kind = models.CharField("业务类别", max_length=1, choices=PassengerKind.choices)
    settlement_month = models.CharField("清算所属期", max_length=6)

    class Meta:
        verbose_name = "国际旅客/行李包裹运输清算函件"
        verbose_name_plural = verbose_name
        ordering = ORDER

    def __str__(self) -> str:
        return self.letter_no


class RailFreight(BatchRecord):
    """中国铁路总公司国际货物明细 (TLHY)."""

    waybill_no = models.CharField("运单号", max_length=60)
    shipped_on = models.DateField("发运日期")
    from_station = models.CharField("发站", max_length=100)
    to_station = models.CharField("到站", max_length=100)
    border_port = models.CharField("出境口岸", max_length=100, blank=True)
    goods_name = models.CharField("货物名称", max_length=200)
    weight = QuantityField("重量（吨）")
    freight_usd = AmountField("运费（美元）")
    freight_cny = AmountField("运费（人民币）")
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "中国铁路总公司国际货物明细"
        verbose_name_plural = verbose_name
        ordering = ORDER

    def __str__(self) -> str:
        return self.waybill_no


class TaxableService(BatchRecord):  # type: ignore[django-manager-missing, unused-ignore]
    """《跨境应税行为免抵退税申报明细表》 (YFSJ, DOMAIN §7.5)."""

    contract_no = models.CharField("合同号", max_length=60)
    certificate_no = models.CharField("出口退税证明编号", max_length=60, blank=True)
    overseas_party = models.CharField("境外单位名称", max_length=200)
    country_code = models.CharField("国家或地区数字代码", max_length=3)
    service_code = models.CharField("应税服务代码", max_length=20)
    service_name = models.CharField("应税服务名称", max_length=200)
    invoice_no = models.CharField("出口发票号", max_length=40)
    invoice_date = models.DateField("开票日期")
    export_date = models.DateField("出口日期", null=True, blank=True)
    contract_total_usd = AmountField("合同总金额（美元）")
    contract_total_cny = AmountField("合同总金额（人民币）")
    voucher_count = models.PositiveIntegerField("本期收款凭证份数", default=1)
    received_usd = AmountField("本期收款金额（美元）")
    receipt_currency = models.CharField("收款原币代码", max_length=3)
    receipt_amount = AmountField("收款原币金额")
    income_currency = models.CharField("收入原币代码", max_length=3, blank=True)
    income_amount = AmountField("收入原币金额", null=True, blank=True)
    usd_rate = ExchangeRateField("美元汇率")
    recognised_cny = AmountField("本期确认营业收入（人民币）")
    turnover_cny = AmountField("营业额（人民币）")
    taxable_cny = AmountField("营业额免抵退税计税金额")
    levy_rate = RateField("征税税率", validators=fraction_validators)
    rebate_rate = RateField("退税率", validators=fraction_validators)
    difference_tax = AmountField("征退税差额", default=0)
    refund = AmountField("应退税额", default=0)
    business_types = models.CharField("业务类型", max_length=100, blank=True)
    rebate_month = models.CharField("免抵退税年月", max_length=6, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "应税服务"
        verbose_name_plural = verbose_name
        ordering = ORDER

    def __str__(self) -> str:
        return f"{self.contract_no} {self.service_name}"


class ServiceReceipt(BatchRecord):
    """收讫营业款明细清单 (SYYK): the receipts behind one 跨境应税行为 line [inferred columns]."""

    taxable_service = models.ForeignKey(
        TaxableService,
        on_delete=models.CASCADE,
        related_name="receipts",
        verbose_name="跨境应税行为",
    )
    voucher_no = models.CharField("收款凭证号", max_length=60)
    received_on = models.DateField("收款日期")
    currency = models.CharField("收款币种", max_length=3)
    amount = AmountField("收款金额（原币）")
    amount_usd = AmountField("收款金额（美元）")
    payer = models.CharField("付款单位", max_length=200, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "收讫营业款明细"
        verbose_name_plural = verbose_name
        ordering = ORDER

    def __str__(self) -> str:
        return self.voucher_no
