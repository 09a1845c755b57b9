"""Tax bureau simulator: its own e-info store, rate library, enterprises and declarations.

The bureau never reads the product's tables; it checks what the enterprise declares against
what it holds itself (customs e-info received by the exchange, its 文库, 备案 data).
"""

from __future__ import annotations

from typing import Any

from django.db import models

AMOUNT: dict[str, Any] = {"max_digits": 18, "decimal_places": 2}
QUANTITY: dict[str, Any] = {"max_digits": 22, "decimal_places": 5}
RATE: dict[str, Any] = {"max_digits": 10, "decimal_places": 6}


class Status(models.TextChoices):
    CHECKING = "自检中", "自检中"
    CHECKED = "自检完成", "自检完成"
    BLOCKED = "有不可跳过疑点", "有不可跳过疑点"
    DECLARED = "审核中", "已确认申报（审核中）"
    UPLOADED = "上传成功", "上传成功（远程申报，无需自检）"
    PASSED = "审核通过", "审核通过"
    RETURNED = "退回", "税局退回"
    REVOKED = "已撤销", "已撤销"


class Enterprise(models.Model):
    """A taxpayer with its 出口退（免）税备案 and per-enterprise simulator behaviour."""

    customs_code = models.CharField("海关企业代码", max_length=10, unique=True)
    uscc = models.CharField("纳税人识别号", max_length=18)
    name = models.CharField("纳税人名称", max_length=200)
    category = models.PositiveSmallIntegerField("分类管理类别", default=3)
    planned_allocation_rate = models.DecimalField("计划分配率", null=True, blank=True, **RATE)
    # Behaviour for tests and demos.
    self_check_delay_seconds = models.PositiveIntegerField("自检耗时（秒）", default=0)
    review_delay_seconds = models.PositiveIntegerField("审核耗时（秒）", default=0)
    force_return_reason = models.CharField("强制退回原因", max_length=200, blank=True)
    # Customs e-info of this enterprise has been received up to this 结关 date.
    cleared_through = models.DateField("电子信息已接收至", null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.customs_code} {self.name}"


class Clock(models.Model):
    """The simulated "today" of the bureau (one row). The exchange lag counts from it."""

    today = models.DateField()
    exchange_lag_days = models.PositiveSmallIntegerField("电子信息传输滞后（天）", default=5)


class CustomsInfo(models.Model):
    """报关单电子信息 (BGD201) per 报关单号+项号, received from customs by the exchange."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="einfo")
    item_key = models.CharField("出口报关单号", max_length=21, unique=True)
    export_date = models.DateField()
    received_on = models.DateField()
    commodity_code = models.CharField(max_length=10)
    commodity_name = models.CharField(max_length=255)
    trade_mode = models.CharField(max_length=4, blank=True)
    transport_mode = models.CharField(max_length=1, blank=True)
    destination_country = models.CharField(max_length=3, blank=True)
    manual_no = models.CharField(max_length=12, blank=True)
    unit = models.CharField(max_length=3)
    quantity = models.DecimalField(**QUANTITY)
    fob_usd = models.DecimalField(**AMOUNT)
    fob_cny = models.DecimalField(**AMOUNT)
    currency = models.CharField(max_length=3)
    deal_total = models.DecimalField(**AMOUNT)
    no_refund = models.BooleanField(default=False)
    amended_fob_usd = models.DecimalField(null=True, blank=True, **AMOUNT)
    returned_quantity = models.DecimalField(default=0, **QUANTITY)
    returned_fob_usd = models.DecimalField(default=0, **AMOUNT)
    returned_fob_cny = models.DecimalField(default=0, **AMOUNT)

    class Meta:
        indexes = [models.Index(fields=["enterprise", "export_date"])]


class RateRow(models.Model):
    """出口退税率文库 row (CKTS_DM_TSLVWK, DOMAIN §11.2). Demo rates are synthetic."""

    code = models.CharField(max_length=14, db_index=True)
    name = models.CharField(max_length=255)
    valid_from = models.DateField()
    valid_to = models.DateField()
    unit = models.CharField(max_length=3)
    levy_rate = models.DecimalField(**RATE)
    rebate_rate = models.DecimalField(**RATE)
    is_basic = models.BooleanField(default=True)


class WriteoffResult(models.Model):
    """A manual customs wrote off, with its 实际分配率 (GS_JLJG_HXJG)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="writeoffs")
    manual_no = models.CharField(max_length=12)
    valid_from = models.DateField()
    valid_to = models.DateField()
    writeoff_date = models.DateField()
    import_total = models.DecimalField(**AMOUNT)
    export_total = models.DecimalField(**AMOUNT)
    actual_rate = models.DecimalField(**RATE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "manual_no"], name="sim_tax_writeoff_manual"
            )
        ]


class WriteoffRecord(models.Model):
    """The customs data of a written-off manual by 监管方式 (RMB), as the exchange delivered it:
    the 加贸反馈 carries it, the 实际分配率 is computed from it."""

    writeoff = models.ForeignKey(WriteoffResult, on_delete=models.CASCADE, related_name="records")
    ie_flag = models.CharField(max_length=1)
    trade_mode = models.CharField(max_length=4)
    amount_cny = models.DecimalField(**AMOUNT)
    entry_id = models.CharField(max_length=18, blank=True)
    g_no = models.PositiveSmallIntegerField(default=1)


class Filing(models.Model):
    """备案 records the bureau holds (A0101001 退税备案, A0307001 计划分配率备案, …)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="filings")
    business_code = models.CharField(max_length=8)
    short_name = models.CharField(max_length=10)
    filed_on = models.DateField()
    status = models.CharField(max_length=10, default="已备案")
    summary = models.CharField(max_length=500, blank=True)
    planned_allocation_rate = models.DecimalField(null=True, blank=True, **RATE)


class Invoice(models.Model):
    """出口发票 information (金税 data the bureau holds)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="invoices")
    invoice_no = models.CharField(max_length=20, unique=True)
    issued_on = models.DateField()
    entry_id = models.CharField(max_length=18, db_index=True)
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(**AMOUNT)
    amount_cny = models.DecimalField(**AMOUNT)


class FxReceipt(models.Model):
    """收汇 information (外汇 data exchanged to the tax side)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="receipts")
    voucher_no = models.CharField(max_length=30, unique=True)
    received_on = models.DateField()
    invoice_no = models.CharField(max_length=20, db_index=True)
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(**AMOUNT)
    payer = models.CharField(max_length=200)
    payer_country = models.CharField(max_length=3)
