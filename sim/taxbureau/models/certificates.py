"""The bureau's history of the certificates it issued (证明类, A02xxxxx): what its review of a
new application checks against (该报关单已开具过证明, 补办的原证明不存在)."""

from __future__ import annotations

from django.db import models

from .declarations import Submission
from .store import AMOUNT, QUANTITY, Enterprise


class IssuedCertificate(models.Model):
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="+")
    business_code = models.CharField("申报业务表代码", max_length=8)
    number = models.CharField("证明编号", max_length=20, unique=True)
    # What it certifies: the 21-digit 出口报关单号, a 招标文件编号 or the 补办's 原证明编号
    subject = models.CharField("证明对象", max_length=50, blank=True)
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    line_no = models.CharField("申报序号", max_length=20, blank=True)
    issued_on = models.DateField("开具日期")
    quantity = models.DecimalField(null=True, blank=True, **QUANTITY)
    fob_cny = models.DecimalField(null=True, blank=True, **AMOUNT)
    replaced = models.BooleanField("已被补办证明替代", default=False)

    class Meta:
        indexes = [models.Index(fields=["business_code", "subject"], name="simtax_cert_subject")]
