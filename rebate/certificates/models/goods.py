"""The 申请表 about exported goods: 来料加工, 代理证明, 退运, 委托出口."""

from __future__ import annotations

from django.db import models

from rebate.core.fields import AmountField, QuantityField

from .base import PARTNER_HINT, TAXPAYER_HINT, Certificate, entry_field, item_no_field


class InwardProcessing(Certificate):
    """DZ-01 来料加工免税证明 (A0203002 lljg), filed by the processing enterprise.

    Source: S3 ``CKTS_ZM_LLJG_LSB`` (verified data items): 受托方纳税人识别号/名称, 来料加工手
    （账）册号, 加工费发票号码, 已开发票货物名称/单位/数量, 加工费金额, 经办人. Its 核销 is
    InwardWriteoff (A0203001 llhx)."""

    trustee_taxpayer_id = models.CharField("受托方纳税人识别号", max_length=18,
                                           help_text=TAXPAYER_HINT)  # fmt: skip
    trustee_name = models.CharField("受托方名称", max_length=200)
    manual_no = models.CharField("来料加工手（账）册号", max_length=12,
                                 help_text="须为本企业已下载报关单的备案号（手册号）")  # fmt: skip
    invoice_no = models.CharField("加工费发票号码", max_length=30)
    goods_name = models.CharField("已开发票货物名称", max_length=200)
    goods_unit = models.CharField("已开发票货物单位", max_length=20)
    goods_quantity = QuantityField("已开发票货物数量")
    fee_amount = AmountField("加工费金额")

    FIELDS = (
        ("trustee_taxpayer_id", "stfnsrsbh"), ("trustee_name", "stfmc"),
        ("manual_no", "lljgszch"), ("invoice_no", "jgffphm"), ("goods_name", "ykfphwmc"),
        ("goods_unit", "ykfphwdw"), ("goods_quantity", "ykfphwsl"), ("fee_amount", "jgfje"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "来料加工免税证明申请"
        verbose_name_plural = verbose_name


class InwardWriteoff(Certificate):
    """DZ-01 来料加工出口货物免税证明核销 (A0203001 llhx), the second code of 来料加工: the
    goods exported under a 手（账）册 whose processing fee a 来料加工免税证明 covered.

    Source: S3 ``CKTS_ZM_LLJGHX_LSB`` (verified): 来料加工手（账）册号, 来料加工免税证明编号,
    加工企业纳税人识别号/名称, 加工费发票号码, 加工费金额, 计量单位, 数量, 出口发票号, 出口报关单号,
    出口商品代码/名称, 出口数量, 经办人. Left out: 加工企业社会信用代码 (the same 18 characters),
    海关计量单位 (returned as the 计量单位 of the item). No certificate is issued (FORMS.md: the
    result is an approval), so its 证明编号 stays empty."""

    exemption_certificate_no = models.CharField(
        "来料加工免税证明编号", max_length=20, help_text="本企业已开具的来料加工免税证明编号"
    )
    manual_no = models.CharField("来料加工手（账）册号", max_length=12)
    processor_taxpayer_id = models.CharField(
        "加工企业纳税人识别号", max_length=18, help_text=TAXPAYER_HINT
    )
    processor_name = models.CharField("加工企业纳税人名称", max_length=200)
    invoice_no = models.CharField("加工费发票号码", max_length=30)
    fee_amount = AmountField("加工费金额")
    export_invoice_no = models.CharField("出口发票号", max_length=40, blank=True)
    entry_id = entry_field()
    item_no = item_no_field()
    commodity_code = models.CharField("出口商品代码", max_length=10, blank=True)
    commodity_name = models.CharField("出口商品名称", max_length=255, blank=True)
    unit = models.CharField("计量单位", max_length=3, blank=True)
    export_quantity = QuantityField("出口数量", help_text="不得超过报关单该项的法定数量")

    FIELDS = (
        ("exemption_certificate_no", "lljgmszmbh"), ("manual_no", "lljgszch"),
        ("processor_taxpayer_id", "jgqynsrsbh"), ("processor_name", "jgqynsrmc"),
        ("invoice_no", "jgffphm"), ("fee_amount", "jgfje"), ("export_invoice_no", "ckfph"),
        ("entry_id", "ckbgdh"), ("item_no", "xh"), ("commodity_code", "cksp_dm"),
        ("commodity_name", "ckspmc"), ("unit", "jldwmc"), ("export_quantity", "cksl"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "来料加工出口货物免税证明核销申请"
        verbose_name_plural = verbose_name


class Agency(Certificate):
    """DZ-02 代理出口货物证明 (A0201001 dlzm), filed by the 受托方 (the agent that exported in
    its own name) for its 委托方.

    Source: S3 ``CKTS_ZM_DLCK_LSB`` (verified): 委托方纳税人识别号/名称, 出口报关单号, 出口日期,
    出口商品代码/名称, 海关计量单位, 出口数量, 货币, 成交总价, 美元/人民币离岸价, 委托（代理）出口
    合同号, 委托出口货物证明编号, 经办人. The 报关单号 (18) and 项号 are entered apart (the wire's
    21-digit ``ckbgdh``); 出口日期, 商品 and 计量单位 are returned from the downloaded 报关单."""

    principal_taxpayer_id = models.CharField(
        "委托方纳税人识别号", max_length=18, help_text=PARTNER_HINT
    )
    principal_name = models.CharField("委托方纳税人名称", max_length=200, blank=True)
    entry_id = entry_field()
    item_no = item_no_field()
    export_date = models.DateField("出口日期", null=True, blank=True)
    commodity_code = models.CharField("出口商品代码", max_length=10, blank=True)
    commodity_name = models.CharField("出口商品名称", max_length=255, blank=True)
    unit = models.CharField("海关计量单位", max_length=3, blank=True)
    quantity = QuantityField("出口数量", help_text="不得超过报关单该项的法定数量")
    currency = models.CharField("货币代码", max_length=3, blank=True)
    deal_total = AmountField("成交总价", null=True, blank=True)
    fob_usd = AmountField("美元离岸价", help_text="不得超过报关单该项的美元离岸价")
    fob_cny = AmountField("人民币离岸价", help_text="不得超过报关单该项的人民币离岸价")
    contract_no = models.CharField("委托（代理）出口合同号", max_length=60)
    entrusted_certificate_no = models.CharField("委托出口货物证明编号", max_length=20,
                                                blank=True)  # fmt: skip

    FIELDS = (
        ("principal_taxpayer_id", "wtfnsrsbh"), ("principal_name", "wtfnsrmc"),
        ("entry_id", "ckbgdh"), ("item_no", "xh"), ("export_date", "ckrq"),
        ("commodity_code", "cksp_dm"), ("commodity_name", "ckspmc"), ("unit", "hgjldwmc"),
        ("quantity", "cksl"), ("currency", "hbzm_dm"), ("deal_total", "cjzj"),
        ("fob_usd", "mylaj"), ("fob_cny", "rmblaj"), ("contract_no", "wtdlckhth"),
        ("entrusted_certificate_no", "wtckhwzmbh"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "代理出口货物证明申请"
        verbose_name_plural = verbose_name


class RefundStatus(models.TextChoices):
    NOT_REFUNDED = "0", "未退税"
    REFUNDED = "1", "已退税"


class ReturnedGoods(Certificate):
    """DZ-03 出口货物退运已补税（未退税）证明 (A0201005 tgbs).

    Source: S3 ``CKTS_ZM_TYYBSWTS_LSB`` (verified), of its 35 columns those of the clerk's
    application: 出口报关单号, 出口日期, 出口商品代码/名称, 计量单位, 出口数量, 退运数量, 退运美元/
    人民币离岸价 (the customs 退运 figures of ``CKTS_WBSJ_HG_BGD201``), 退（免）税状态标志, 已冲减
    免抵退税额, 冲减所属期, 已补增值税额, 缴款书号码, 入库日期. Designed: one 退运美元/人民币离岸价
    pair instead of 退运计税金额 (the 冲减 line compares the 人民币离岸价, DOMAIN §8)."""

    entry_id = entry_field()
    item_no = item_no_field()
    export_date = models.DateField("出口日期", null=True, blank=True)
    commodity_code = models.CharField("出口商品代码", max_length=10, blank=True)
    commodity_name = models.CharField("出口商品名称", max_length=255, blank=True)
    unit = models.CharField("海关计量单位", max_length=3, blank=True)
    quantity = QuantityField("出口数量", null=True, blank=True)
    returned_quantity = QuantityField("退运数量", help_text="不得超过报关单该项的出口数量")
    returned_fob_usd = AmountField("退运美元离岸价")
    returned_fob_cny = AmountField("退运人民币离岸价")
    refund_status = models.CharField("退（免）税状态", max_length=1, choices=RefundStatus.choices,
                                     default=RefundStatus.NOT_REFUNDED)  # fmt: skip
    offset_amount = AmountField("已冲减免抵退税额", null=True, blank=True,
                                help_text="已退税的，填写已冲减的免抵退税额")  # fmt: skip
    offset_period = models.CharField("冲减所属期", max_length=6, blank=True,
                                     help_text="已退税的，填写冲减的所属期YYYYMM")  # fmt: skip
    paid_vat = AmountField("已补增值税额", null=True, blank=True)
    payment_no = models.CharField("缴款书号码", max_length=30, blank=True)
    paid_on = models.DateField("入库日期", null=True, blank=True)

    FIELDS = (
        ("entry_id", "ckbgdh"), ("item_no", "xh"), ("export_date", "ckrq"),
        ("commodity_code", "cksp_dm"), ("commodity_name", "ckspmc"), ("unit", "hgjldwmc"),
        ("quantity", "cksl"), ("returned_quantity", "tysl"), ("returned_fob_usd", "tymylaj"),
        ("returned_fob_cny", "tyrmblaj"), ("refund_status", "tmsztbz"),
        ("offset_amount", "ycjmdtse"), ("offset_period", "cjssq"), ("paid_vat", "ybzzse"),
        ("payment_no", "jkshm"), ("paid_on", "rkrq"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "出口货物退运已补税（未退税）证明申请"
        verbose_name_plural = verbose_name


class Entrusted(Certificate):
    """DZ-04 委托出口货物证明 (A0201003 wtck), filed by the 委托方 (e.g. the manufacturer) whose
    goods an agent exported; its number is quoted in the agent's 代理出口货物证明.

    Source: S3 ``CKTS_ZM_WTCK_LSB`` (verified): 受托方纳税人识别号/名称, 代理出口协议号, 委托（代
    理）出口合同号, 出口报关单号, 出口商品代码/名称, 货币, 人民币离岸价, 经办人. The 报关单 is the
    受托方's (not downloaded here), so only its form is checked locally; the bureau checks it."""

    trustee_taxpayer_id = models.CharField(
        "受托方纳税人识别号", max_length=18, help_text=PARTNER_HINT
    )
    trustee_name = models.CharField("受托方名称", max_length=200, blank=True)
    agreement_no = models.CharField("代理出口协议号", max_length=30)
    contract_no = models.CharField("委托（代理）出口合同号", max_length=60, blank=True)
    entry_id = models.CharField(
        "出口报关单号", max_length=18, help_text="受托方出口报关单的18位海关编号"
    )
    item_no = item_no_field()
    commodity_code = models.CharField("出口商品代码", max_length=10)
    commodity_name = models.CharField("出口商品名称", max_length=255)
    currency = models.CharField("货币代码", max_length=3, default="USD")
    fob_cny = AmountField("人民币离岸价")

    FIELDS = (
        ("trustee_taxpayer_id", "stfnsrsbh"), ("trustee_name", "stfmc"),
        ("agreement_no", "dlckxyh"), ("contract_no", "wtdlckhth"), ("entry_id", "ckbgdh"),
        ("item_no", "xh"), ("commodity_code", "cksp_dm"), ("commodity_name", "ckspmc"),
        ("currency", "hbzm_dm"), ("fob_cny", "rmblaj"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "委托出口货物证明申请"
        verbose_name_plural = verbose_name
