"""The bureau's own data the 其他申报 rules check against (besides the customs e-info)."""

from __future__ import annotations

from django.db import models

from .store import AMOUNT, RATE, Enterprise


class PurchaseInvoice(models.Model):
    """增值税专用发票 information the bureau holds (金税 进项 data): 购进自用货物 and
    出口已使用设备 are checked against it; 出口信息查询 answers from it."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="purchase_invoices"
    )
    invoice_code = models.CharField("发票代码", max_length=12, blank=True)
    invoice_no = models.CharField("发票号码", max_length=20)
    supplier_tax_id = models.CharField("销售方纳税人识别号", max_length=20)
    issued_on = models.DateField("开票日期")
    amount = models.DecimalField("金额", **AMOUNT)
    tax_rate = models.DecimalField("税率", **RATE)
    tax = models.DecimalField("税额", **AMOUNT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invoice_code", "invoice_no"], name="sim_tax_purchase_invoice_no"
            )
        ]
