"""退税到账: a refund the enterprise received on its bank account for one 免抵退 batch.

Entered on the page or imported from the bank statement (日期, 金额, 摘要); the expected and the
approved 应退税额 are not stored here: they are the batch's own figure and the bureau's review.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rebate.core.fields import AmountField
from rebate.core.models import EnterpriseOwned
from rebate.declarations.models import DeclarationBatch


class ReceivedSource(models.TextChoices):
    ENTERED = "entered", "手工录入"
    STATEMENT = "statement", "银行流水导入"


class ReceivedRefund(EnterpriseOwned):
    batch = models.ForeignKey(
        DeclarationBatch, on_delete=models.PROTECT, related_name="+", verbose_name="申报数据"
    )
    received_on = models.DateField("到账日期")
    amount = AmountField("到账金额")
    summary = models.CharField("摘要", max_length=200, blank=True)
    source = models.CharField("来源", max_length=10, choices=ReceivedSource.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "退税到账"
        verbose_name_plural = verbose_name
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"{self.received_on} {self.amount}"
