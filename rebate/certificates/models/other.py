"""The 卷烟, 补办 and 中标 申请表."""

from __future__ import annotations

from django.db import models

from rebate.core.fields import AmountField, QuantityField

from .base import PARTNER_HINT, TAXPAYER_HINT, Certificate, entry_field, item_no_field


class Cigarette(Certificate):
    """DZ-05 出口卷烟已免税证明 (A0205003 jyzm), filed by the cigarette producer for the goods an
    exporter bought tax-free.

    Source: S3 ``CKTS_ZM_CKJYYMSZM_LSB`` (verified): 卷烟出口企业纳税人识别号/名称, 卷烟商品代码,
    卷烟名称, 卷烟牌号, 计量单位, 数量, 单价, 总计金额, 免征增值税/消费税（总计）, 准予免税购进
    出口卷烟证明编号, 发票号码. 准予免税购进 (zyjy) and 免税核销 (jyhx) are CigarettePermit and
    CigaretteWriteoff."""

    exporter_taxpayer_id = models.CharField(
        "卷烟出口企业纳税人识别号", max_length=18, help_text=PARTNER_HINT
    )
    exporter_name = models.CharField("卷烟出口企业名称", max_length=200, blank=True)
    commodity_code = models.CharField("卷烟商品代码", max_length=10)
    cigarette_name = models.CharField("卷烟名称", max_length=100)
    brand = models.CharField("卷烟牌号", max_length=60)
    unit = models.CharField("计量单位", max_length=20)
    quantity = QuantityField("数量")
    unit_price = models.DecimalField("单价", max_digits=18, decimal_places=5)
    total_amount = AmountField("总计金额", help_text="数量×单价，四舍五入至分")
    vat_exempt = AmountField("免征增值税（总计）")
    excise_exempt = AmountField("免征消费税（总计）")
    permit_no = models.CharField("准予免税购进出口卷烟证明编号", max_length=20)
    invoice_no = models.CharField("发票号码", max_length=30)

    FIELDS = (
        ("exporter_taxpayer_id", "jyckqynsrsbh"), ("exporter_name", "jyckqymc"),
        ("commodity_code", "jysp_dm"), ("cigarette_name", "jymc"), ("brand", "jyph"),
        ("unit", "jldwmc"), ("quantity", "sl"), ("unit_price", "dj"),
        ("total_amount", "zjje"), ("vat_exempt", "zzsse"), ("excise_exempt", "xfsse"),
        ("permit_no", "zymsgjckjyzmbh"), ("invoice_no", "fphm"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "出口卷烟已免税证明申请"
        verbose_name_plural = verbose_name


class CigarettePermit(Certificate):
    """DZ-05 准予免税购进出口卷烟证明 (A0205002 zyjy), filed by the cigarette exporter to buy
    from the producer free of tax, within its yearly 出口卷烟计划.

    Source: S3 ``CKTS_ZM_ZYMSGJJY_LSB`` (verified): 卷烟生产企业纳税人识别号/名称, 计划年度, 计划
    编号, 卷烟商品代码, 卷烟名称, 卷烟牌号, 计量单位, 数量, 单价, 总计金额, 出口卷烟计划数量, 已开具
    《准免证》卷烟数量. Left out: 卷烟生产企业社会信用代码 (the same 18 characters)."""

    producer_taxpayer_id = models.CharField("卷烟生产企业纳税人识别号", max_length=18,
                                            help_text=PARTNER_HINT)  # fmt: skip
    producer_name = models.CharField("卷烟生产企业名称", max_length=200, blank=True)
    plan_year = models.PositiveSmallIntegerField("计划年度")
    plan_no = models.CharField("计划编号", max_length=30)
    commodity_code = models.CharField("卷烟商品代码", max_length=10)
    cigarette_name = models.CharField("卷烟名称", max_length=100)
    brand = models.CharField("卷烟牌号", max_length=60)
    unit = models.CharField("计量单位", max_length=20)
    quantity = QuantityField("数量", help_text="加已开具数量不得超过出口卷烟计划数量")
    unit_price = models.DecimalField("单价", max_digits=18, decimal_places=5)
    total_amount = AmountField("总计金额", help_text="数量×单价，四舍五入至分")
    plan_quantity = QuantityField("出口卷烟计划数量")
    issued_quantity = QuantityField("已开具《准免证》卷烟数量", default=0)

    FIELDS = (
        ("producer_taxpayer_id", "jyscqynsrsbh"), ("producer_name", "jyscqymc"),
        ("plan_year", "jhnd"), ("plan_no", "jhbh"), ("commodity_code", "jysp_dm"),
        ("cigarette_name", "jymc"), ("brand", "jyph"), ("unit", "jldwmc"),
        ("quantity", "sl"), ("unit_price", "dj"), ("total_amount", "zjje"),
        ("plan_quantity", "ckjyjhsl"), ("issued_quantity", "ykjzmzjysl"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "准予免税购进出口卷烟证明申请"
        verbose_name_plural = verbose_name


class CigaretteWriteoff(Certificate):
    """DZ-05 出口卷烟免税核销 (A0205001 jyhx): the exported cigarettes bought under a 准予免税
    购进出口卷烟证明, written off against the customs declaration.

    Source: S3 ``CKTS_ZM_CKJYMSHXSB_LSB`` (verified): 计划年度, 计划编号, 出口发票号, 出口合同
    号, 出口报关单号, 出口日期, 代理出口货物证明号码, 卷烟商品代码, 卷烟牌号, 计量单位, 出口数量,
    出口货物免税销售额（美元/人民币）, 准予免税购进出口卷烟证明编号, 出口卷烟已免税证明编号. Left
    out: 出口收汇核销单号 (legacy). No certificate is issued (an approval): no 证明编号."""

    plan_year = models.PositiveSmallIntegerField("计划年度")
    plan_no = models.CharField("计划编号", max_length=30)
    export_invoice_no = models.CharField("出口发票号", max_length=40, blank=True)
    contract_no = models.CharField("出口合同号", max_length=60, blank=True)
    entry_id = entry_field()
    item_no = item_no_field()
    export_date = models.DateField("出口日期", null=True, blank=True)
    agency_certificate_no = models.CharField("代理出口货物证明号码", max_length=22, blank=True)
    commodity_code = models.CharField("卷烟商品代码", max_length=10, blank=True)
    brand = models.CharField("卷烟牌号", max_length=60)
    unit = models.CharField("计量单位", max_length=3, blank=True)
    export_quantity = QuantityField("出口数量", help_text="不得超过报关单该项的法定数量")
    sales_usd = AmountField("出口货物免税销售额（美元）")
    sales_cny = AmountField("出口货物免税销售额（人民币）")
    permit_no = models.CharField(
        "准予免税购进出口卷烟证明编号", max_length=20, help_text="本企业已开具的准予免税证明编号"
    )
    exempted_certificate_no = models.CharField("出口卷烟已免税证明编号", max_length=20, blank=True)

    FIELDS = (
        ("plan_year", "jhnd"), ("plan_no", "jhbh"), ("export_invoice_no", "ckfph"),
        ("contract_no", "ckhth"), ("entry_id", "ckbgdh"), ("item_no", "xh"),
        ("export_date", "ckrq"), ("agency_certificate_no", "dlckhwzmhm"),
        ("commodity_code", "jysp_dm"), ("brand", "jyph"), ("unit", "jldwmc"),
        ("export_quantity", "cksl"), ("sales_usd", "ckhwmsxsemy"), ("sales_cny", "ckhwmsxsermb"),
        ("permit_no", "zymsgjckjyzmbh"), ("exempted_certificate_no", "ckjyymszmbh"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "出口卷烟免税核销申请"
        verbose_name_plural = verbose_name


class CertificateKind(models.TextChoices):
    """原出口退税证明类型 of a 补办 (designed: S3's CHAR(2) code list was not found)."""

    AGENCY = "01", "代理出口货物证明"
    RETURNED = "02", "出口货物退运已补税（未退税）证明"
    ENTRUSTED = "03", "委托出口货物证明"
    INWARD = "04", "来料加工免税证明"
    CIGARETTE = "05", "出口卷烟已免税证明"
    WINNING_BID = "06", "中标证明通知书"


class Reissue(Certificate):
    """DZ-06 补办出口退（免）税证明 (A0202001 bbzm): a lost certificate issued again.

    Source: S3 ``CKTS_ZM_BBCKTSZM_LSB`` (verified): 原出口退税证明类型代码, 原出口退税证明编号, 原
    证明开具税务机关名称. Designed: 补办原因 (S3 has no column for it; FORMS.md believes it was
    carried in 备注) as its own required field, sent in ``bz`` with the 备注."""

    original_kind = models.CharField(
        "原出口退税证明类型", max_length=2, choices=CertificateKind.choices
    )
    original_no = models.CharField("原出口退税证明编号", max_length=20)
    original_bureau = models.CharField("原证明开具税务机关名称", max_length=200)
    reason = models.CharField("补办原因", max_length=200)

    FIELDS = (
        ("original_kind", "ycktszmlx_dm"), ("original_no", "ycktszmbh"),
        ("original_bureau", "yzmkjswjgmc"), ("reason", "bbyy"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "补办出口退（免）税证明申请"
        verbose_name_plural = verbose_name


class WinningBid(Certificate):
    """DZ-07 中标证明通知书 (A0201007 zbzm), for 机电产品 sold under an international tender.

    Source: S3 ``CKTS_ZM_ZBZM_LSB`` (verified): 中标企业纳税人识别号/名称, 招标文件编号, 中标项目
    名称, 贷款国别（机构）名称, 中标机电产品名称, 规格型号, 数量, 单价, 总价, 用汇金额（万美元）,
    出口商品代码/名称, 招标机构名称, 招标机构负责人, 招标机构申请日期. Left out: 进口关键件 and 美国
    进出口银行 columns, 不退税标志/原因 (the bureau's)."""

    winner_taxpayer_id = models.CharField(
        "中标企业纳税人识别号", max_length=18, help_text=TAXPAYER_HINT
    )
    winner_name = models.CharField("中标企业名称", max_length=200)
    tender_no = models.CharField("招标文件编号", max_length=50)
    project_name = models.CharField("中标项目名称", max_length=200)
    lender = models.CharField("贷款国别（机构）名称", max_length=200)
    product_name = models.CharField("中标机电产品名称", max_length=200)
    model_spec = models.CharField("规格型号", max_length=200, blank=True)
    quantity = QuantityField("数量")
    unit_price = models.DecimalField("单价", max_digits=18, decimal_places=5)
    total_amount = AmountField("总价", help_text="数量×单价，四舍五入至分")
    fx_amount = models.DecimalField("用汇金额（万美元）", max_digits=18, decimal_places=4)
    commodity_code = models.CharField("出口商品代码", max_length=10)
    commodity_name = models.CharField("出口商品名称", max_length=255)
    agency_name = models.CharField("招标机构名称", max_length=200)
    agency_head = models.CharField("招标机构负责人姓名", max_length=50)
    applied_on = models.DateField("招标机构申请日期", help_text="不得晚于填表日期")

    FIELDS = (
        ("winner_taxpayer_id", "zbqynsrsbh"), ("winner_name", "zbqymc"),
        ("tender_no", "zbwjbh"), ("project_name", "zbxmmc"), ("lender", "dkgbjgmc"),
        ("product_name", "zbjdcpmc"), ("model_spec", "ggxh"), ("quantity", "sl"),
        ("unit_price", "dj"), ("total_amount", "zj"), ("fx_amount", "yhjewmy"),
        ("commodity_code", "cksp_dm"), ("commodity_name", "ckspmc"),
        ("agency_name", "zbjgmc"), ("agency_head", "zbjgfzrxm"), ("applied_on", "zbjgsqrq"),
    )  # fmt: skip

    class Meta(Certificate.Meta):
        verbose_name = "中标证明通知书申请"
        verbose_name_plural = verbose_name
