"""反馈处理 (TS-28/29): feedback files read, the bureau's review of each declaration, 备案信息."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from rebate.core.models import EnterpriseOwned

from ..choices import FeedbackSource, ReviewResultKind
from ..figures import read_figure
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
    period = models.CharField("所属期", max_length=6, blank=True)  # "": a family without one
    receipt_no = models.CharField("受理回执号", max_length=40)
    result = models.CharField("审核结果", max_length=10, choices=ReviewResultKind.choices)
    line_count = models.PositiveIntegerField("明细条数", default=0)
    # The approved figures the family reads from the result (Family.review_columns): key →
    # amount as a string, read back as Decimal by ``figure`` (rebate.declarations.figures).
    figures = models.JSONField("核准数", default=dict, blank=True)
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

    def figure(self, key: str) -> Decimal | None:
        """One approved figure as a Decimal (never a float), None when the bureau gave none."""
        return read_figure(self.figures, key)


class ReviewedLine(EnterpriseOwned):
    """A declared 明细表 line as the bureau recorded it (historical declared data)."""

    review = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="lines")
    line_no = models.CharField("申报序号", max_length=10)
    item_key = models.CharField("关联单证号", max_length=21, blank=True)
    # The line's figures as the family reads them (Family.review_line_columns), as strings.
    figures = models.JSONField("核准数", default=dict, blank=True)

    class Meta:
        verbose_name = "审核明细"
        verbose_name_plural = verbose_name
        ordering = ["review", "line_no", "id"]

    def figure(self, key: str) -> Decimal | None:
        return read_figure(self.figures, key)
