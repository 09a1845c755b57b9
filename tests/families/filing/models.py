from django.db import models

from rebate.core.fields import AmountField
from rebate.core.models import BatchRecord


class FilingRecord(BatchRecord):
    """One filing: no 所属期 (each filing its own package, numbered by its 申请序号)."""

    period = models.CharField("所属期", max_length=6, blank=True, editable=False)
    contract_no = models.CharField("合同号", max_length=40)
    amount = AmountField("金额")

    class Meta:
        verbose_name = "测试备案"
        ordering = ["sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.sequence_no} {self.contract_no}"
