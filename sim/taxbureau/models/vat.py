"""The enterprise's filed 增值税纳税申报表 per 所属期, as the bureau holds it (公告2026年第5号
Art. 15: 免抵退 is declared after the period's VAT return; row 17 of the 汇总表 is its 期末留抵)."""

from __future__ import annotations

from django.db import models

from .store import AMOUNT, Enterprise


class VatReturn(models.Model):
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="vat_returns")
    period = models.CharField("所属期", max_length=6)
    filed_on = models.DateField("申报日期")
    output_tax = models.DecimalField("销项税额", **AMOUNT)
    input_tax = models.DecimalField("进项税额", **AMOUNT)
    opening_credit = models.DecimalField("上期留抵税额", **AMOUNT)
    ending_credit = models.DecimalField("期末留抵税额", **AMOUNT)
    tax_payable = models.DecimalField("应纳税额", **AMOUNT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "period"], name="sim_tax_vat_return")
        ]
