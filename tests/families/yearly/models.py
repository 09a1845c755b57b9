"""The family's one form: a line declared by 申报年."""

from __future__ import annotations

from django.db import models

from rebate.core.fields import AmountField
from rebate.core.models import BatchRecord, year_validator


class YearlyLine(BatchRecord):
    period = models.CharField("申报年", max_length=6, validators=[year_validator])
    contract_no = models.CharField("合同号", max_length=40, blank=True)
    counterparty = models.CharField("对方单位", max_length=100)
    amount = AmountField("金额")

    class Meta:
        verbose_name = "测试年度申报明细"
        verbose_name_plural = verbose_name
        ordering = ["period", "sequence_no"]

    def __str__(self) -> str:
        return f"{self.period}-{self.sequence_no}"
