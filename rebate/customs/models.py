"""报关单采集: the export declarations downloaded from customs, as the rebate side keeps them.

Field names follow the Single Window DecMessage (DOMAIN §12.2) so that a download maps one to one;
labels are the names the tax side uses (§12.3). Customs data is never edited here: the only
product-side fields are 出口发票号, the check result, the 生成状态 and, per item, the 退税商品代码
a clerk maps an expired code to (商品码失效调整).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.validators import RegexValidator
from django.db import models

from rebate.core.fields import AmountField, QuantityField
from rebate.core.models import EnterpriseOwned

from .choices import CheckStatus, GenerationStatus, RevisionKind

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

entry_id_validator = RegexValidator(r"^\d{18}$", "报关单号应为18位数字")
invoice_validator = RegexValidator(
    r"^[0-9A-Za-z][0-9A-Za-z\-_/]{0,39}$",
    "出口发票号只能包含字母、数字和 - _ /，最长40位",
)


def FeeValueField(verbose_name: str) -> models.DecimalField:  # type: ignore[type-arg]
    """运费/保费/杂费 value: a rate (5 = 5 %), a per-tonne price or a total."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=5, null=True, blank=True)


# django-stubs cannot always resolve related managers through EnterpriseOwned's custom manager;
# the annotations below give the types, the ignore covers the plugin's occasional complaint.
class Declaration(EnterpriseOwned):  # type: ignore[django-manager-missing, unused-ignore]
    """One export 报关单 (DecHead) of the enterprise."""

    if TYPE_CHECKING:
        items: RelatedManager[DeclarationItem]
        revisions: RelatedManager[DeclarationRevision]

    entry_id = models.CharField("报关单号", max_length=18, validators=[entry_id_validator])
    seq_no = models.CharField("统一编号", max_length=18, blank=True)
    ie_date = models.DateField("出口日期")
    export_month = models.CharField("出口年月", max_length=6)
    d_date = models.DateField("申报日期", null=True, blank=True)
    custom_master = models.CharField("申报地海关", max_length=4, blank=True)
    ie_port = models.CharField("出境关别", max_length=4, blank=True)
    trade_code = models.CharField("境内发货人代码", max_length=10)
    trade_name = models.CharField("境内发货人名称", max_length=200, blank=True)
    trade_co_scc = models.CharField("境内发货人统一社会信用代码", max_length=18, blank=True)
    owner_code = models.CharField("生产销售单位代码", max_length=10, blank=True)
    owner_name = models.CharField("生产销售单位名称", max_length=200, blank=True)
    agent_code = models.CharField("申报单位代码", max_length=10, blank=True)
    agent_name = models.CharField("申报单位名称", max_length=200, blank=True)
    trade_mode = models.CharField("监管方式", max_length=4)
    cut_mode = models.CharField("征免性质", max_length=3, blank=True)
    traf_mode = models.CharField("运输方式", max_length=1, blank=True)
    traf_name = models.CharField("运输工具名称", max_length=100, blank=True)
    bill_no = models.CharField("提运单号", max_length=50, blank=True)
    trade_country = models.CharField("运抵国（地区）", max_length=3, blank=True)
    trade_area_code = models.CharField("贸易国（地区）", max_length=3, blank=True)
    distinate_port = models.CharField("指运港", max_length=6, blank=True)
    enty_port_code = models.CharField("离境口岸", max_length=6, blank=True)
    trans_mode = models.CharField("成交方式", max_length=1)
    fee_mark = models.CharField("运费标记", max_length=1, blank=True)
    fee_rate = FeeValueField("运费")
    fee_curr = models.CharField("运费币制", max_length=3, blank=True)
    insur_mark = models.CharField("保费标记", max_length=1, blank=True)
    insur_rate = FeeValueField("保费")
    insur_curr = models.CharField("保费币制", max_length=3, blank=True)
    other_mark = models.CharField("杂费标记", max_length=1, blank=True)
    other_rate = FeeValueField("杂费")
    other_curr = models.CharField("杂费币制", max_length=3, blank=True)
    pack_no = models.PositiveIntegerField("件数", null=True, blank=True)
    wrap_type = models.CharField("包装种类", max_length=10, blank=True)
    gross_wt = QuantityField("毛重（千克）", null=True, blank=True)
    net_wt = QuantityField("净重（千克）", null=True, blank=True)
    contr_no = models.CharField("合同协议号", max_length=60, blank=True)
    manual_no = models.CharField("备案号", max_length=12, blank=True)
    license_no = models.CharField("许可证号", max_length=30, blank=True)
    clearance_date = models.DateField("结关日期", null=True, blank=True)
    amended = models.BooleanField("改单标志", default=False)
    # Product side.
    invoice_no = models.CharField(
        "出口发票号", max_length=40, blank=True, validators=[invoice_validator]
    )
    generation_status = models.CharField(
        "生成状态",
        max_length=1,
        choices=GenerationStatus.choices,
        default=GenerationStatus.NOT_GENERATED,
    )
    declared_period = models.CharField(
        "已申报所属期", max_length=6, blank=True, help_text="税局审核通过其明细的申报所属期"
    )
    check_status = models.CharField(
        "检查状态", max_length=10, choices=CheckStatus.choices, default=CheckStatus.UNCHECKED
    )
    check_problems = models.JSONField("检查问题", default=list, blank=True)
    checked_at = models.DateTimeField("检查时间", null=True, blank=True)
    period = models.CharField("所属期", max_length=6, blank=True)
    business_types = models.CharField("业务类型", max_length=100, blank=True)
    contract_no = models.CharField("出口合同号", max_length=60, blank=True)
    received_hash = models.CharField("海关数据摘要", max_length=64)
    revision_count = models.PositiveIntegerField("改单次数", default=0)
    change_warning = models.CharField("改单提示", max_length=300, blank=True)
    downloaded_at = models.DateTimeField("下载时间", auto_now_add=True)

    class Meta:
        verbose_name = "出口报关单"
        verbose_name_plural = verbose_name
        ordering = ["-ie_date", "-entry_id"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "entry_id"], name="customs_entry_uniq")
        ]
        indexes = [
            models.Index(fields=["enterprise", "-ie_date", "-entry_id"], name="customs_list_idx"),
            models.Index(
                fields=["enterprise", "export_month", "-ie_date", "-entry_id"],
                name="customs_month_idx",
            ),
            models.Index(fields=["enterprise", "generation_status"], name="customs_gen_idx"),
            models.Index(fields=["enterprise", "invoice_no"], name="customs_invoice_idx"),
        ]  # on PostgreSQL also a trigram index for 出口发票号 contains (migration 0005)

    def __str__(self) -> str:
        return self.entry_id

    @property
    def is_processing(self) -> bool:
        return self.trade_mode in ("0615", "0715")


class DeclarationItem(EnterpriseOwned):
    """One 商品项 (DecList) of a declaration."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="items", verbose_name="报关单"
    )
    g_no = models.PositiveSmallIntegerField("项号")
    item_key = models.CharField("出口报关单号（21位）", max_length=21)
    code_ts = models.CharField("商品编号", max_length=10)
    rebate_code = models.CharField(
        "退税商品代码", max_length=10, help_text="商品码失效调整后的商品代码；默认同商品编号"
    )
    g_name = models.CharField("商品名称", max_length=255)
    g_model = models.CharField("规格型号", max_length=500, blank=True)
    g_qty = QuantityField("成交数量")
    g_unit = models.CharField("成交计量单位", max_length=3)
    first_qty = QuantityField("法定第一数量")
    first_unit = models.CharField("法定第一计量单位", max_length=3)
    second_qty = QuantityField("法定第二数量", null=True, blank=True)
    second_unit = models.CharField("法定第二计量单位", max_length=3, blank=True)
    decl_price = models.DecimalField("申报单价", max_digits=18, decimal_places=5)
    decl_total = AmountField("申报总价")
    trade_curr = models.CharField("成交币制", max_length=3)
    origin_country = models.CharField("原产国（地区）", max_length=3, blank=True)
    destination_country = models.CharField("最终目的国（地区）", max_length=3, blank=True)
    duty_mode = models.CharField("征免方式", max_length=1, blank=True)
    district_code = models.CharField("境内货源地", max_length=5, blank=True)
    fob_orig = AmountField("原币离岸价（海关）", null=True, blank=True)
    fob_usd = AmountField("美元离岸价（海关）", null=True, blank=True)
    fob_cny = AmountField("人民币离岸价（海关）", null=True, blank=True)
    no_refund = models.BooleanField("不予退税标志", default=False)
    export_line = models.ForeignKey(
        "goods.ExportLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="出口明细",
    )

    class Meta:
        verbose_name = "报关单商品信息"
        verbose_name_plural = verbose_name
        ordering = ["declaration_id", "g_no"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "g_no"], name="customs_item_uniq")
        ]
        indexes = [models.Index(fields=["enterprise", "item_key"], name="customs_item_key_idx")]

    def __str__(self) -> str:
        return self.item_key


class DeclarationRevision(EnterpriseOwned):
    """A download that differed from what was stored (改单): the history, field by field."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="revisions", verbose_name="报关单"
    )
    number = models.PositiveIntegerField("次序")
    kind = models.CharField("处理", max_length=10, choices=RevisionKind.choices)
    changes = models.JSONField("变更内容", default=list)
    amendments = models.JSONField("海关改单记录", default=list, blank=True)
    received_hash = models.CharField("海关数据摘要", max_length=64)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "报关单改单记录"
        verbose_name_plural = verbose_name
        ordering = ["declaration_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "number"], name="customs_revision_uniq")
        ]


class ApprovedItem(EnterpriseOwned):
    """A 商品项 the tax bureau approved (read in from its feedback), kept by its 21-digit key.

    Feedback can arrive before customs' 报关单 is downloaded (history read in first); a 报关单
    stored later whose items are listed here is 已申报 at once, so it is never declared twice.
    """

    item_key = models.CharField("出口报关单号（21位）", max_length=21)
    period = models.CharField("所属期", max_length=6)
    note = models.CharField("来源", max_length=500, blank=True)

    class Meta:
        verbose_name = "税局已审核商品项"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "item_key"], name="customs_approved_item_uniq"
            )
        ]

    def __str__(self) -> str:
        return self.item_key
