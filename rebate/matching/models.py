"""出口发票 and 收汇 as the clerk records them, and the confirmed 匹配 that ties them to 报关单.

The 明细表 keeps one 出口发票号 per line and the 收汇情况表 one receipt per row, but an order is
often one declaration, several invoices and several receipts: a ``Match`` holds any number of
each, and each invoice or receipt belongs to at most one confirmed match (matching.services).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from rebate.core.fields import AmountField
from rebate.core.models import EnterpriseOwned

currency_validator = RegexValidator(r"^[A-Z]{3}$", "币种应为3位大写字母代码，如 USD")


class ExportInvoice(EnterpriseOwned):
    invoice_no = models.CharField("出口发票号", max_length=40)
    issued_on = models.DateField("开票日期")
    buyer = models.CharField("购买方（外商）名称", max_length=200)
    buyer_country = models.CharField("购买方国家（地区）", max_length=3, blank=True)
    currency = models.CharField("币种", max_length=3, validators=[currency_validator])
    amount = AmountField("发票金额")
    contract_no = models.CharField("合同号", max_length=60, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "出口发票"
        verbose_name_plural = verbose_name
        ordering = ["-issued_on", "invoice_no"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "invoice_no"], name="match_invoice_uniq")
        ]

    def __str__(self) -> str:
        return self.invoice_no


class ForeignReceipt(EnterpriseOwned):
    received_on = models.DateField("收汇日期")
    payer = models.CharField("付汇人", max_length=200)
    payer_country = models.CharField("付汇国家（地区）", max_length=3, blank=True)
    currency = models.CharField("收汇币种", max_length=3, validators=[currency_validator])
    amount = AmountField("收汇金额")
    bank_reference = models.CharField("银行业务编号", max_length=60)
    voucher_no = models.CharField("凭证号码", max_length=60, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "收汇记录"
        verbose_name_plural = verbose_name
        ordering = ["-received_on", "bank_reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "bank_reference"], name="match_receipt_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bank_reference} {self.currency} {self.amount}"


class Match(EnterpriseOwned):
    declarations = models.ManyToManyField(
        "customs.Declaration", related_name="+", verbose_name="报关单"
    )
    invoices = models.ManyToManyField(
        ExportInvoice, related_name="matches", verbose_name="出口发票"
    )
    receipts = models.ManyToManyField(
        ForeignReceipt, related_name="matches", blank=True, verbose_name="收汇"
    )
    score = models.PositiveSmallIntegerField("匹配得分", default=0)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="确认人"
    )
    lines_updated = models.PositiveIntegerField("回填明细条数", default=0)

    class Meta:
        verbose_name = "单证匹配"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"匹配 {self.pk}"
