"""货物资料采集 (TS-07…TS-09) and 视同自产货物清单 (TS-12)."""

from __future__ import annotations

from django.db import models

from rebate.core.fields import AmountField, QuantityField, RateField
from rebate.core.models import BatchRecord, EnterpriseOwned, fraction_validators

from .lines import commodity_validator, item_key_validator


def item_key_field(**kwargs: object) -> models.CharField[str, str]:
    return models.CharField(
        "出口报关单号",
        max_length=21,
        validators=[item_key_validator],
        **kwargs,  # type: ignore[arg-type]
    )


class CodeAdjustment(BatchRecord):
    """《海关出口商品代码、名称、退税率调整对应表》 (DOMAIN §7.4): obsolete 商品码 → new one."""

    item_key = item_key_field()
    export_date = models.DateField("出口日期")
    commodity_code = models.CharField(
        "出口商品代码", max_length=10, validators=[commodity_validator]
    )
    commodity_name = models.CharField("出口商品名称", max_length=200)
    rebate_rate = RateField("退税率", validators=fraction_validators)
    adjusted_commodity_code = models.CharField(
        "调整后出口商品代码", max_length=10, validators=[commodity_validator]
    )
    adjusted_commodity_name = models.CharField("调整后海关商品名称", max_length=200)
    adjusted_rebate_rate = RateField("调整后退税率", validators=fraction_validators)
    agency_certificate_no = models.CharField("代理出口货物证明号码", max_length=40, blank=True)
    declaration_date = models.DateField("海关出口货物报关单申报日期", null=True, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "商品码失效调整"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.item_key} {self.commodity_code}→{self.adjusted_commodity_code}"


class FobDifference(BatchRecord):
    """《出口货物离岸价差异原因说明表》 (DOMAIN §7.3); 差异额 and 差异率 are computed."""

    difference_type = models.CharField("离岸价差异申报类型代码", max_length=4, blank=True)
    invoice_no = models.CharField("出口发票号", max_length=40)
    invoice_fob_usd = AmountField("出口发票美元离岸价")
    invoice_fob_cny = AmountField("出口发票人民币离岸价")
    item_key = item_key_field()
    agency_certificate_no = models.CharField("代理出口货物证明号码", max_length=40, blank=True)
    fob_usd = AmountField("美元离岸价")
    fob_cny = AmountField("人民币离岸价")
    difference_cny = AmountField("出口发票和报关单人民币离岸价差异额", default=0)
    difference_rate = RateField("差异率", default=0)
    explanation_required = models.BooleanField("需说明", default=False)
    reason = models.CharField("原因说明", max_length=500)

    class Meta:
        verbose_name = "美元离岸价差异"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.item_key} {self.invoice_no}"


class RefundFirstQualification(EnterpriseOwned):
    """The enterprise's 先退税后核销 qualification (A0107001). 备案申报 BA-03 will set it; until
    then goods.services.refund_first_qualification_set does, and TS-09 checks it."""

    approved_on = models.DateField("资格认定日期")
    revoked_on = models.DateField("资格取消日期", null=True, blank=True)
    document_no = models.CharField("文书号", max_length=60, blank=True)

    class Meta:
        verbose_name = "先退税后核销资格"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["enterprise"], name="goods_refund_first_one_per_ent")
        ]

    def __str__(self) -> str:
        return f"先退税后核销资格 {self.approved_on}"


class RefundFirst(BatchRecord):
    """先退税后核销企业免抵退税申报附表 (XTHH). Columns [inferred]: the form is not published."""

    item_key = item_key_field()
    export_date = models.DateField("出口日期")
    commodity_code = models.CharField(
        "出口商品代码", max_length=10, validators=[commodity_validator]
    )
    commodity_name = models.CharField("出口商品名称", max_length=200)
    fob_cny = AmountField("出口销售额（人民币）")
    purchase_voucher_no = models.CharField("进货凭证号", max_length=40, blank=True)
    purchase_amount = AmountField("进货金额", null=True, blank=True)
    input_tax = AmountField("进项税额", null=True, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "先退税后核销"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.period} {self.item_key}"


class DeemedOwnProduct(BatchRecord):
    """视同自产进货明细清单 (STZCQD, 业务类型 STZC). Columns [inferred] from 进货凭证 practice."""

    business_types = models.CharField("业务类型", max_length=20, default="STZC")
    supplier_tax_id = models.CharField("供货方纳税人识别号", max_length=20)
    supplier_name = models.CharField("供货方名称", max_length=200, blank=True)
    invoice_code = models.CharField("进货发票代码", max_length=12, blank=True)
    invoice_no = models.CharField("进货发票号码", max_length=20)
    invoice_date = models.DateField("开票日期")
    commodity_code = models.CharField("商品代码", max_length=10, validators=[commodity_validator])
    commodity_name = models.CharField("货物名称", max_length=200)
    unit = models.CharField("计量单位", max_length=20)
    quantity = QuantityField("数量")
    taxable_amount = AmountField("计税金额")
    tax_amount = AmountField("税额")
    levy_rate = RateField("征税税率", validators=fraction_validators)
    item_key = item_key_field(blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "视同自产货物清单"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.invoice_no} {self.commodity_name}"
