"""China E-Port / customs simulator: its own enterprise registry, cards and declarations.

These tables belong to the simulated customs authority. The product never reads them; it
downloads through the customs client (rebate.integrations.customs) in the published format.
"""

from __future__ import annotations

from typing import Any

from django.db import models

AMOUNT: dict[str, Any] = {"max_digits": 18, "decimal_places": 2}
QUANTITY: dict[str, Any] = {"max_digits": 22, "decimal_places": 5}


class Enterprise(models.Model):
    """An enterprise registered at customs (海关注册登记)."""

    customs_code = models.CharField("海关企业代码", max_length=10, unique=True)
    uscc = models.CharField("统一社会信用代码", max_length=18)
    name = models.CharField("企业名称", max_length=200)
    customs_district = models.CharField("主管关区", max_length=4, default="5300")

    def __str__(self) -> str:
        return f"{self.customs_code} {self.name}"


class Card(models.Model):
    """An IC card / Ikey issued by the e-port card authority to an enterprise's operator."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="cards")
    card_no = models.CharField("卡号", max_length=20, unique=True)
    public_key_pem = models.TextField("公钥")
    registered_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField("已注销", default=False)


class Declaration(models.Model):
    """报关单表头 (DecHead). Values are the current ones, after any 改单."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="declarations"
    )
    entry_id = models.CharField("报关单号", max_length=18, unique=True)
    seq_no = models.CharField(max_length=18, blank=True)
    ie_flag = models.CharField(max_length=1, default="E")
    ie_date = models.DateField("出口日期")
    d_date = models.DateField("申报日期")
    clearance_date = models.DateField("结关日期", null=True, blank=True)
    custom_master = models.CharField(max_length=4)
    ie_port = models.CharField(max_length=4)
    trade_mode = models.CharField("监管方式", max_length=4)
    cut_mode = models.CharField(max_length=3, blank=True)
    traf_mode = models.CharField(max_length=1, blank=True)
    traf_name = models.CharField(max_length=50, blank=True)
    bill_no = models.CharField(max_length=50, blank=True)
    trans_mode = models.CharField("成交方式", max_length=1)
    trade_country = models.CharField(max_length=3, blank=True)
    trade_area_code = models.CharField(max_length=3, blank=True)
    distinate_port = models.CharField(max_length=6, blank=True)
    enty_port_code = models.CharField(max_length=6, blank=True)
    fee_mark = models.CharField(max_length=1, blank=True)
    fee_rate = models.DecimalField(null=True, blank=True, **QUANTITY)
    fee_curr = models.CharField(max_length=3, blank=True)
    insur_mark = models.CharField(max_length=1, blank=True)
    insur_rate = models.DecimalField(null=True, blank=True, **QUANTITY)
    insur_curr = models.CharField(max_length=3, blank=True)
    pack_no = models.IntegerField(null=True, blank=True)
    wrap_type = models.CharField(max_length=2, blank=True)
    gross_wt = models.DecimalField(null=True, blank=True, **QUANTITY)
    net_wt = models.DecimalField(null=True, blank=True, **QUANTITY)
    contr_no = models.CharField(max_length=32, blank=True)
    manual_no = models.CharField(max_length=12, blank=True)
    amended = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["enterprise", "ie_date", "entry_id"])]


class DeclarationItem(models.Model):
    """报关单商品项 (DecList) with the FOB values customs computes for the tax side."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="items")
    g_no = models.PositiveSmallIntegerField("项号")
    code_ts = models.CharField("商品编号", max_length=10)
    g_name = models.CharField(max_length=255)
    g_model = models.CharField(max_length=255, blank=True)
    g_qty = models.DecimalField(**QUANTITY)
    g_unit = models.CharField(max_length=3)
    first_qty = models.DecimalField(**QUANTITY)
    first_unit = models.CharField(max_length=3)
    second_qty = models.DecimalField(null=True, blank=True, **QUANTITY)
    second_unit = models.CharField(max_length=3, blank=True)
    decl_price = models.DecimalField(**QUANTITY)
    decl_total = models.DecimalField(**AMOUNT)
    trade_curr = models.CharField(max_length=3)
    origin_country = models.CharField(max_length=3, blank=True)
    destination_country = models.CharField(max_length=3, blank=True)
    duty_mode = models.CharField(max_length=1, blank=True)
    district_code = models.CharField(max_length=5, blank=True)
    fob_orig = models.DecimalField(null=True, blank=True, **AMOUNT)  # 原币离岸价
    fob_usd = models.DecimalField(**AMOUNT)
    fob_cny = models.DecimalField(**AMOUNT)
    no_refund = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["declaration", "g_no"], name="sim_customs_item_gno")
        ]


class Amendment(models.Model):
    """改单 of one item: old and new values of what changed."""

    item = models.ForeignKey(DeclarationItem, on_delete=models.CASCADE, related_name="amendments")
    amend_date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    old_code_ts = models.CharField(max_length=10, blank=True)
    new_code_ts = models.CharField(max_length=10, blank=True)
    old_qty = models.DecimalField(null=True, blank=True, **QUANTITY)
    new_qty = models.DecimalField(null=True, blank=True, **QUANTITY)
    old_fob_usd = models.DecimalField(null=True, blank=True, **AMOUNT)
    new_fob_usd = models.DecimalField(null=True, blank=True, **AMOUNT)
    old_fob_cny = models.DecimalField(null=True, blank=True, **AMOUNT)
    new_fob_cny = models.DecimalField(null=True, blank=True, **AMOUNT)


class ReturnRecord(models.Model):
    """退运 of (part of) an export item, with its 退运证明."""

    item = models.ForeignKey(DeclarationItem, on_delete=models.CASCADE, related_name="returns")
    return_date = models.DateField()
    certificate_no = models.CharField(max_length=30, unique=True)
    quantity = models.DecimalField(**QUANTITY)
    fob_usd = models.DecimalField(**AMOUNT)
    fob_cny = models.DecimalField(**AMOUNT)
    withdrawn = models.BooleanField(default=False)


class Manual(models.Model):
    """加工贸易手（账）册."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="manuals")
    manual_no = models.CharField("手（账）册号", max_length=12, unique=True)
    manual_type = models.CharField(max_length=1, default="C")
    valid_from = models.DateField()
    valid_to = models.DateField()
    planned_import_total = models.DecimalField(**AMOUNT)
    planned_export_total = models.DecimalField(**AMOUNT)
    status = models.CharField(max_length=4, default="执行")
    writeoff_date = models.DateField(null=True, blank=True)


class ManualRecord(models.Model):
    """An import or export item booked against a manual (DOMAIN §5.2 监管方式 codes)."""

    manual = models.ForeignKey(Manual, on_delete=models.CASCADE, related_name="records")
    ie_flag = models.CharField(max_length=1)
    entry_id = models.CharField(max_length=18)
    g_no = models.PositiveSmallIntegerField()
    trade_mode = models.CharField(max_length=4)
    ie_date = models.DateField()
    amount_cny = models.DecimalField(**AMOUNT)
    code_ts = models.CharField(max_length=10, blank=True)
