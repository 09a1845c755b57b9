"""反馈处理 (TS-28/29): feedback files read, the bureau's review of each declaration, 备案信息."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rebate.core.fields import AmountField, QuantityField
from rebate.core.models import EnterpriseOwned

from ..choices import FeedbackSource, ReviewResultKind
from .batch import DeclarationBatch


class FeedbackFile(EnterpriseOwned):
    """A feedback document read in. The same bytes read twice are recognised by the digest."""

    kind = models.CharField("反馈类型", max_length=20)
    family = models.CharField("业务", max_length=20, blank=True)
    period = models.CharField("所属期", max_length=6, blank=True)
    filename = models.CharField("文件名", max_length=200, blank=True)
    digest = models.CharField("摘要", max_length=64)
    source = models.CharField("来源", max_length=10, choices=FeedbackSource.choices)
    record_count = models.PositiveIntegerField("记录数", default=0)
    changed_count = models.PositiveIntegerField("更新记录数", default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "反馈读入记录"
        verbose_name_plural = verbose_name
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "digest"], name="declarations_feedback_once"
            )
        ]

    def __str__(self) -> str:
        return self.filename or self.digest[:12]


class ReviewRecord(EnterpriseOwned):  # type: ignore[django-manager-missing,unused-ignore]
    """The bureau's review of one declaration (by 受理回执号), declared here or only known from
    feedback (history). Approved figures sit beside the declared ones in 数据查询."""

    family = models.CharField("业务", max_length=20)
    business_code = models.CharField("申报业务表代码", max_length=8)
    period = models.CharField("所属期", max_length=6)
    receipt_no = models.CharField("受理回执号", max_length=40)
    result = models.CharField("审核结果", max_length=10, choices=ReviewResultKind.choices)
    line_count = models.PositiveIntegerField("明细条数", default=0)
    fob_usd_total = AmountField("美元离岸价合计", default=0)
    fob_cny_total = AmountField("人民币离岸价合计", default=0)
    exempt_credit_refund = AmountField("核准免抵退税额", null=True, blank=True)
    refund = AmountField("核准应退税额", null=True, blank=True)
    exempt_credit = AmountField("核准免抵税额", null=True, blank=True)
    reasons = models.CharField("退回原因", max_length=2000, blank=True)
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    batch = models.ForeignKey(
        DeclarationBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name="申报数据",
    )

    class Meta:
        verbose_name = "审核结果"
        verbose_name_plural = verbose_name
        ordering = ["-period", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "receipt_no"], name="declarations_review_per_receipt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.receipt_no}"


class ReviewedLine(EnterpriseOwned):
    """A declared 明细表 line as the bureau recorded it (historical declared data)."""

    review = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="lines")
    line_no = models.CharField("申报序号", max_length=10)
    item_key = models.CharField("出口报关单号", max_length=21)
    quantity = QuantityField("出口数量")
    fob_usd = AmountField("美元离岸价")
    fob_cny = AmountField("人民币离岸价")
    exempt_credit_refund = AmountField("免抵退税额", null=True, blank=True)

    class Meta:
        verbose_name = "审核明细"
        verbose_name_plural = verbose_name
        ordering = ["review", "line_no", "id"]
