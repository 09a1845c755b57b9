"""海外仓出口货物核对 (9810, 公告2025年第3号): the enterprise's reconciliation of one pre-refunded
HWC-YT 明细 line — sold (销售日期, 销售金额), or unsold and repaid (补缴) / adjusted (调整) with the
amount and the reason. The declared line itself is never altered: the record sits beside it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rebate.core.fields import AmountField
from rebate.core.models import EnterpriseOwned
from rebate.goods.models import ExportLine


class Outcome(models.TextChoices):
    SOLD = "sold", "已售出"
    UNSOLD = "unsold", "未售出"


class Settlement(models.TextChoices):
    REPAY = "repay", "补缴"
    ADJUST = "adjust", "调整"


class OverseasReconciliation(EnterpriseOwned):
    line = models.OneToOneField(
        ExportLine, on_delete=models.PROTECT, related_name="+", verbose_name="出口货物明细"
    )
    outcome = models.CharField("核对结果", max_length=6, choices=Outcome.choices)
    sold_on = models.DateField("销售日期", null=True, blank=True)
    sale_amount = AmountField("销售金额", null=True, blank=True)
    settlement = models.CharField("处理方式", max_length=6, choices=Settlement.choices, blank=True)
    settle_amount = AmountField("补缴/调整金额", null=True, blank=True)
    reason = models.CharField("原因", max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "海外仓出口货物核对"
        verbose_name_plural = verbose_name
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.line} {self.get_outcome_display()}"

    @property
    def summary(self) -> str:
        if self.outcome == Outcome.SOLD:
            return f"{self.sold_on:%Y-%m-%d} 售出 {self.sale_amount}"
        return f"{self.get_settlement_display()} {self.settle_amount}：{self.reason}"
