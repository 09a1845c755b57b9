"""The seven 申请表 of 单证申报, one model each: the model IS the form's one field list.

``FIELDS`` of a model names its entered fields in the form's order with their wire tags; the
record page's form, its table, the printed 申请表 and the package section are all derived from
it (records.py, prints.py, wire.py), so a field is corrected in one place.

Field source (FORMS.md Part 1): the official 申请表 annexes of 公告2021年第15号 / 2022年第9号 /
2026年第5号 were not found (FORMS.md "what I could and could not confirm"); the data items are
the e-tax interface's (S3, the ``CKTS_ZM_*_LSB`` application tables, verified), trimmed of
legacy columns (收汇核销单号, 核销单单证不齐标志) and of the audit columns. Tags are S3's column
names. Each model's docstring says what was taken and what was designed.
"""

from __future__ import annotations

from django.db import models

from rebate.core.fields import AmountField, QuantityField
from rebate.core.models import BatchRecord

TAXPAYER_HINT = "纳税人识别号（统一社会信用代码）18位"
PARTNER_HINT = "须为自用业务配置›委托企业中的企业"


def entry_field() -> models.CharField[str, str]:
    return models.CharField(
        "出口报关单号", max_length=18, help_text="18位海关编号，须为本企业已下载的出口报关单"
    )


def item_no_field() -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField("项号", help_text="报关单的商品项号（1起）")


class Certificate(BatchRecord):
    """What every 申请表 carries (S3's common columns): 所属期, 申报序号, 填表日期, 备注; and
    what the bureau's feedback brings back: the 证明编号 and its 开具日期."""

    fill_date = models.DateField("填表日期")
    handler = models.CharField("经办人", max_length=50, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    certificate_no = models.CharField(
        "证明编号", max_length=20, blank=True, editable=False, db_index=True
    )
    issued_on = models.DateField("开具日期", null=True, blank=True, editable=False)

    FIELDS: tuple[tuple[str, str], ...] = ()  # (model field, wire tag) in the form's order
    TAIL: tuple[tuple[str, str], ...] = (("fill_date", "tbrq"), ("handler", "jbrxm"),
                                         ("note", "bz"))  # fmt: skip

    class Meta:
        abstract = True
        ordering = ["-period", "sequence_no"]

    def __str__(self) -> str:
        return f"{self.period}-{self.sequence_no}"

    @property
    def item_key(self) -> str:
        """The 21-digit 出口报关单号 of the certified item (报关单号 + 0 + 2-digit 项号)."""
        entry, item_no = getattr(self, "entry_id", ""), getattr(self, "item_no", None)
        return f"{entry}0{item_no:02d}" if entry and item_no else ""


class InwardProcessing(Certificate):
    """DZ-01 来料加工免税证明 (A0203002 lljg), filed by the processing enterprise.

    Source: S3 ``CKTS_ZM_LLJG_LSB`` (verified data items): 受托方纳税人识别号/名称, 来料加工手
    （账）册号, 加工费发票号码, 已开发票货物名称/单位/数量, 加工费金额, 经办人. The 核销 (A0203001
    llhx) is not built yet."""

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


class Cigarette(Certificate):
    """DZ-05 出口卷烟已免税证明 (A0205003 jyzm), filed by the cigarette producer for the goods an
    exporter bought tax-free.

    Source: S3 ``CKTS_ZM_CKJYYMSZM_LSB`` (verified): 卷烟出口企业纳税人识别号/名称, 卷烟商品代码,
    卷烟名称, 卷烟牌号, 计量单位, 数量, 单价, 总计金额, 免征增值税/消费税（总计）, 准予免税购进
    出口卷烟证明编号, 发票号码. 准予免税购进 (zyjy) and 免税核销 (jyhx) are not built yet."""

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


FORMS: tuple[type[Certificate], ...] = (
    InwardProcessing, Agency, ReturnedGoods, Entrusted, Cigarette, Reissue, WinningBid,
)  # fmt: skip
