"""收汇情况采集 (TS-10/11): 《出口货物收汇情况表》 and 不能收汇, for 四类 enterprises (§7.2)."""

from __future__ import annotations

from django.db import models

from rebate.core.fields import AmountField, ExchangeRateField, RateField
from rebate.core.models import BatchRecord

from .lines import item_key_validator


class Receipt(BatchRecord):
    """One line of 《出口货物收汇情况表》: 退免税申报情况, 已收汇情况 and 视同收汇情况."""

    item_key = models.CharField("出口报关单号", max_length=21, validators=[item_key_validator])
    agency_certificate_no = models.CharField("代理出口货物证明号码", max_length=40, blank=True)
    invoice_no = models.CharField("出口发票号", max_length=40)
    sales_booked_on = models.DateField("记出口销售账日期")
    currency = models.CharField("成交货币字母代码", max_length=3)
    transaction_total = AmountField("成交总价")
    transaction_rate = ExchangeRateField("成交货币汇率")
    fob_cny = AmountField("出口销售额（人民币）")
    # 已收汇情况
    voucher_no = models.CharField("凭证号码", max_length=60, blank=True)
    received_on = models.DateField("出口收汇日期", null=True, blank=True)
    settlement_mode = models.CharField("结汇方式代码", max_length=4, blank=True)
    bank_code = models.CharField("金融机构代码", max_length=20, blank=True)
    bank_reference = models.CharField("银行业务编号", max_length=60, blank=True)
    receipt_currency = models.CharField("收汇货币字母代码", max_length=3, blank=True)
    receipt_amount = AmountField("收汇金额", null=True, blank=True)
    receipt_rate = ExchangeRateField("收汇货币汇率", null=True, blank=True)
    receipt_cny = AmountField("收汇金额（人民币）", null=True, blank=True)
    voucher_total = AmountField("凭证总金额", null=True, blank=True)
    payer = models.CharField("付汇人", max_length=200, blank=True)
    payer_country = models.CharField("付汇国家（地区）", max_length=3, blank=True)
    non_importer_reason = models.CharField("非进口商付汇原因", max_length=200, blank=True)
    non_import_country_reason = models.CharField(
        "非进口国家（地区）付汇原因", max_length=200, blank=True
    )
    # 视同收汇情况
    deemed_reason = models.CharField("原因", max_length=10, blank=True)
    deemed_detail = models.CharField("原因具体说明", max_length=500, blank=True)
    evidence_kind = models.CharField("举证材料种类", max_length=60, blank=True)
    deemed_cny = AmountField("折人民币金额", null=True, blank=True)
    final_receipt_date = models.DateField("合同约定全部收汇最终日期", null=True, blank=True)
    contract_no = models.CharField("出口合同号", max_length=60, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "收汇证明"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.item_key} {self.invoice_no}"


class NonReceipt(BatchRecord):
    """不能收汇申报: 未收汇金额 and 未收汇比例 are computed (same currency as 成交) [inferred]."""

    item_key = models.CharField("报关单号", max_length=21, validators=[item_key_validator])
    invoice_no = models.CharField("发票号", max_length=40)
    sales_booked_on = models.DateField("记销售账日期")
    currency = models.CharField("成交币种", max_length=3)
    transaction_total = AmountField("成交总价")
    transaction_rate = ExchangeRateField("成交汇率")
    fob_cny = AmountField("出口销售额（人民币）")
    receipt_currency = models.CharField("收汇币种", max_length=3, blank=True)
    received_amount = AmountField("已收汇金额", default=0)
    unreceived_amount = AmountField("未收汇金额", default=0)
    unreceived_ratio = RateField("未收汇比例", default=0)
    reason_code = models.CharField("不能收汇原因代码", max_length=10)
    reason_name = models.CharField("不能收汇原因名称", max_length=200, blank=True)
    evidence_kind = models.CharField("提供证明材料种类", max_length=100)
    final_receipt_date = models.DateField("合同约定全部收汇最终日期", null=True, blank=True)
    contract_no = models.CharField("出口合同号", max_length=60, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "不能收汇证明"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.item_key} {self.reason_code}"
