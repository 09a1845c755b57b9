"""Declarations received by the bureau: packages, their doubts and what was declared."""

from __future__ import annotations

from django.db import models

from .store import AMOUNT, QUANTITY, Enterprise, Status


class Submission(models.Model):
    """A declaration package received for self-check (one 受理回执号)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="submissions")
    receipt_no = models.CharField("受理回执号", max_length=40, unique=True)
    filename = models.CharField(max_length=60)
    business_code = models.CharField(max_length=8)
    period = models.CharField("所属期", max_length=6)
    card_no = models.CharField(max_length=20)
    digest = models.CharField(max_length=64)
    package_gz = models.BinaryField("申报数据（gzip）", null=True)
    line_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    submitted_at = models.DateTimeField()
    checked_at = models.DateTimeField(null=True, blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    fob_usd_total = models.DecimalField(default=0, **AMOUNT)
    fob_cny_total = models.DecimalField(default=0, **AMOUNT)
    exempt_credit_refund = models.DecimalField(null=True, blank=True, **AMOUNT)
    refund = models.DecimalField(null=True, blank=True, **AMOUNT)
    exempt_credit = models.DecimalField(null=True, blank=True, **AMOUNT)
    # The review's own figures (review_mdt): 免抵退税额 from its e-info and 文库, and 审核调整
    # = approved − declared 应退税额 (None when the review approved the declared figure).
    approved_exempt_credit_refund = models.DecimalField(null=True, blank=True, **AMOUNT)
    adjustment = models.DecimalField("审核调整额", null=True, blank=True, **AMOUNT)
    reasons = models.CharField(max_length=2000, blank=True)
    # 汇总表 as declared: {"1": ["当期", "本年累计"], …} (decimal strings).
    summary = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["enterprise", "period"])]


class Doubt(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="doubts")
    code = models.CharField(max_length=60)
    level = models.CharField(max_length=1)
    skippable = models.BooleanField()
    message = models.CharField(max_length=1000)
    table = models.CharField(max_length=20)
    line_no = models.CharField(max_length=20, blank=True)
    item_key = models.CharField(max_length=21, blank=True)


class DeclaredLine(models.Model):
    """A 明细表 line of a formally declared submission: the bureau's 已申报 record."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="lines")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="+")
    line_no = models.CharField(max_length=20)
    item_key = models.CharField(max_length=21)
    quantity = models.DecimalField(**QUANTITY)
    fob_usd = models.DecimalField(**AMOUNT)
    fob_cny = models.DecimalField(**AMOUNT)
    exempt_credit_refund = models.DecimalField(null=True, blank=True, **AMOUNT)

    class Meta:
        indexes = [models.Index(fields=["enterprise", "item_key"])]
