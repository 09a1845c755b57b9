"""A declaration batch (申报数据) of one family and 所属期, its package and its 疑点."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from rebate.core.models import EnterpriseOwned

from ..choices import BatchStatus, DoubtLevel
from ..figures import read_figure


class DeclarationBatch(EnterpriseOwned):  # type: ignore[django-manager-missing,unused-ignore]
    """One generated package. Declared data is immutable: 撤销 is a state, regeneration a new row.

    At most one batch per enterprise, family, business and period is alive (not 已撤销); the
    conditional unique constraint makes two simultaneous 生成申报数据 end with one batch. A family
    without periods (备案) has no such limit: each filing is its own batch, numbered by batch_no.
    """

    family = models.CharField("业务", max_length=20)
    business_code = models.CharField("申报业务表代码", max_length=8)
    # 所属期 YYYYMM, 申报年 YYYY or "" (Family.period_kind; without one, batch_no numbers filings)
    period = models.CharField("所属期", max_length=6, blank=True)
    batch_no = models.CharField("批次", max_length=2)
    status = models.CharField(
        "状态", max_length=12, choices=BatchStatus.choices, default=BatchStatus.UNSIGNED
    )
    package_name = models.CharField("申报文件名", max_length=80)
    package_path = models.CharField("申报文件位置", max_length=300)
    package_digest = models.CharField("摘要", max_length=64)
    package_size = models.PositiveBigIntegerField("文件大小", default=0)
    card_no = models.CharField("签名卡号", max_length=20)
    line_count = models.PositiveIntegerField("明细条数", default=0)
    record_count = models.PositiveIntegerField("各表记录数", default=0)
    # The family's declared figures (Family.figure_columns): key → amount as a string
    # ("1234.50"), read back as Decimal by ``figure`` (rebate.declarations.figures).
    figures = models.JSONField("申报数", default=dict, blank=True)
    receipt_no = models.CharField("受理回执号", max_length=40, blank=True)
    bureau_reasons = models.CharField("税局退回原因", max_length=2000, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="生成人",
    )
    submitted_at = models.DateTimeField("自检提交时间", null=True, blank=True)
    declared_at = models.DateTimeField("确认申报时间", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "申报数据"
        verbose_name_plural = verbose_name
        ordering = ["-period", "-id"]
        constraints = [
            # One live batch per business and period; a family without periods files freely.
            models.UniqueConstraint(
                fields=["enterprise", "family", "business_code", "period"],
                condition=~Q(status=BatchStatus.REVOKED) & ~Q(period=""),
                name="declarations_one_live_batch_per_period",
            ),
            models.UniqueConstraint(
                fields=["enterprise", "family", "business_code", "period", "batch_no"],
                name="declarations_batch_no_unique",
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "family", "-period"])]

    def __str__(self) -> str:
        return "-".join(part for part in (self.business_code, self.period, self.batch_no) if part)

    @property
    def number(self) -> str:
        """The batch number shown to the clerk: 业务代码-所属期-批次 (业务代码-批次 without a
        period)."""
        return str(self)

    def figure(self, key: str) -> Decimal | None:
        """One of the family's figures as a Decimal (never a float), None when not recorded."""
        return read_figure(self.figures, key)


class Doubt(EnterpriseOwned):
    """One 疑点 of a self-check (DOMAIN §8.1), read in automatically by 自检状态查询."""

    batch = models.ForeignKey(
        DeclarationBatch, on_delete=models.PROTECT, related_name="doubts", verbose_name="申报数据"
    )
    code = models.CharField("疑点代码", max_length=60)
    level = models.CharField("级别", max_length=1, choices=DoubtLevel.choices)
    skippable = models.BooleanField("可跳过")
    message = models.CharField("疑点描述", max_length=1000)
    table = models.CharField("关联表", max_length=20)
    line_no = models.CharField("申报序号", max_length=10, blank=True)
    item_key = models.CharField("出口报关单号", max_length=21, blank=True)
    record_id = models.BigIntegerField("关联记录", null=True, blank=True)

    class Meta:
        verbose_name = "疑点"
        verbose_name_plural = verbose_name
        ordering = ["batch", "skippable", "line_no", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.line_no}"

    @property
    def pass_label(self) -> str:
        return "可跳过" if self.skippable else "不可跳过"
