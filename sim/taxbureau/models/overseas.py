"""Pre-refunded 海外仓 (9810) lines: what the bureau itself received in formal declarations.

A 明细表 line carrying 业务类型 HWC-YT (公告2025年第3号) was refunded at export, before the goods
sold abroad; the enterprise reports later that they sold, or repays / adjusts. The bureau lists
the lines not yet reconciled to the enterprise (its own list, never the enterprise's copy).
"""

from __future__ import annotations

from django.db import models

from .declarations import Submission
from .store import AMOUNT, Enterprise

PREREFUND_TYPE = "HWC-YT"


class OverseasOutcome(models.TextChoices):
    SOLD = "sold", "已售出"
    UNSOLD = "unsold", "未售出"


class OverseasSettlement(models.TextChoices):
    REPAY = "repay", "补缴"
    ADJUST = "adjust", "调整"


class OverseasLine(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="overseas_lines"
    )
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="+")
    period = models.CharField("所属期", max_length=6)
    line_no = models.CharField("申报序号", max_length=20)
    item_key = models.CharField("出口报关单号", max_length=21)
    export_date = models.DateField("出口日期")
    fob_cny = models.DecimalField("出口销售额（人民币）", **AMOUNT)
    exempt_credit_refund = models.DecimalField("免抵退税额", null=True, blank=True, **AMOUNT)
    # The enterprise's reconciliation, as it reported it (empty while unreconciled).
    reconciled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=6, choices=OverseasOutcome.choices, blank=True)
    sold_on = models.DateField("销售日期", null=True, blank=True)
    sale_amount = models.DecimalField("销售金额", null=True, blank=True, **AMOUNT)
    settlement = models.CharField(max_length=6, choices=OverseasSettlement.choices, blank=True)
    settle_amount = models.DecimalField("补缴/调整金额", null=True, blank=True, **AMOUNT)
    reason = models.CharField("原因", max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["enterprise", "item_key"])]
