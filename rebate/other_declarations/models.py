"""The eight forms of 其他申报, one model per official form (one declaration per form).

Field sources (FORMS.md Part 2 §4; V = a tax-side DDL column list, I = designed here):
* ProceedsReceipt 《出口货物收汇情况表》 (A0404001): V, §4.1 / DOMAIN §7.2 — one row per 报关单.
* InfoQuery 《出口退（免）税信息查询申请表》 (A0401001): I, §4.2 (no table found).
* NoInfoDeclaration 无相关电子信息申报 (A0402001): I, §4.3 (no table found).
* SelfUseGoods 《购进自用货物退税申报表》 (A0304001): V, §4.4 `CKTS_SB_GJ_SBMX_LSB`.
* UsedEquipment 《出口已使用过的设备退税申报表》 (A0303001): V, §4.5 `CKTS_SB_YS_SBMX_LSB`.
* NonOwnProduct 出口非自产货物退消费税申报 (A0302001): V, §4.6 `CKTS_SB_FZC_SBMX_LSB`.
* CapacityReport / RiskControlReport: I, §4.7 (narrative reports; contents inferred).
Every model keeps the batch's 所属期 in ``period`` (the family is declared by 所属期).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from rebate.calc.other import proceeds_overdue
from rebate.core.fields import AmountField, QuantityField, RateField
from rebate.core.models import BatchRecord, fraction_validators

from .choices import (
    DocumentKind,
    InfoStatus,
    NoInfoReason,
    PlantTenure,
    VoucherKind,
)

entry_help = "18位海关报关单号"
positive = [MinValueValidator(0, "金额不能为负数")]


class Confirmed(BatchRecord):
    """A declared row with the bureau's confirmed refund once approved (反馈读入/审核结果下载)."""

    confirmed_refund = AmountField("核准退税额", null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class ProceedsReceipt(BatchRecord):
    """《出口货物收汇情况表》 (一至三类 enterprises, A0404001 cksh): 退免税申报情况 taken from the
    报关单, 已收汇情况 and 视同收汇情况 (FORMS §4.1, DOMAIN §7.2). 收汇截止日期 is computed by
    rebate.calc.other.proceeds_deadline (公告2026年第5号 第48条)."""

    entry_id = models.CharField("出口报关单号", max_length=18, help_text=entry_help)
    export_date = models.DateField("出口日期", null=True, blank=True)
    invoice_no = models.CharField("出口发票号", max_length=40, blank=True)
    currency = models.CharField("成交货币字母代码", max_length=3, blank=True)
    transaction_total = AmountField("成交总价", null=True, blank=True)
    # 已收汇情况
    voucher_no = models.CharField("凭证号码", max_length=40, blank=True)
    received_on = models.DateField("出口收汇日期", null=True, blank=True)
    receipt_currency = models.CharField("出口收汇货币字母代码", max_length=3, blank=True)
    receipt_amount = AmountField("出口收汇金额", null=True, blank=True, validators=positive)
    payer = models.CharField("付汇人", max_length=200, blank=True)
    payer_country = models.CharField("付汇国家（地区）", max_length=3, blank=True)
    # 视同收汇情况
    deemed_reason = models.CharField("视同收汇原因", max_length=100, blank=True)
    deemed_detail = models.CharField("原因具体说明", max_length=1000, blank=True)
    evidence_kind = models.CharField("举证材料种类", max_length=100, blank=True)
    final_receipt_date = models.DateField("合同约定全部收汇最终日期", null=True, blank=True)
    contract_no = models.CharField("出口合同号", max_length=60, blank=True)
    receipt_deadline = models.DateField("收汇截止日期", null=True, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "出口货物收汇情况表"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.receipt_amount or ''}"

    def overdue_on(self, today: date) -> bool:
        if self.receipt_deadline is None:
            return False
        return proceeds_overdue(
            self.receipt_deadline,
            today,
            received=self.received_on is not None,
            deemed=bool(self.deemed_reason),
        )

    @property
    def proceeds_state(self) -> str:
        if self.received_on is not None:
            return "已收汇"
        if self.deemed_reason:
            return "视同收汇"
        return "逾期未收汇" if self.overdue_on(timezone.localdate()) else "未收汇"

    def clean(self) -> None:
        if self.receipt_amount is not None and not self.receipt_currency:
            raise ValidationError({"receipt_currency": "填写出口收汇金额时须填写出口收汇货币"})
        if self.receipt_amount is not None and self.received_on is None:
            raise ValidationError({"received_on": "填写出口收汇金额时须填写出口收汇日期"})


class InfoQuery(BatchRecord):
    """《出口退（免）税信息查询申请表》 (A0401001 xxcx): asks whether a document's electronic
    information exists; the answer is the bureau's, read from its feedback (FORMS §4.2, I)."""

    doc_kind = models.CharField("查询信息类型", max_length=2, choices=DocumentKind.choices)
    doc_no = models.CharField(
        "单证号码", max_length=40, help_text="报关单号、代理证明号或发票代码+号码"
    )
    doc_date = models.DateField("出口日期（开票日期）")
    amount = AmountField("金额", null=True, blank=True, validators=positive)
    reason = models.CharField("查询原因", max_length=200)
    note = models.CharField("备注", max_length=500, blank=True)
    info_status = models.CharField(
        "电子信息情况",
        max_length=1,
        choices=InfoStatus.choices,
        default=InfoStatus.UNKNOWN,
        editable=False,
    )

    class Meta:
        verbose_name = "出口退（免）税信息查询申请表"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.get_doc_kind_display()} {self.doc_no}"


class NoInfoDeclaration(BatchRecord):
    """无相关电子信息申报 (A0402001): filed before the 申报期限 for an export whose electronic
    information has not arrived; approved, its 申报期限 is extended (FORMS §4.3, I; extension
    rebate.calc.other.extended_deadline, project decision)."""

    entry_id = models.CharField("出口报关单号", max_length=18, help_text=entry_help)
    agency_certificate_no = models.CharField("代理出口证明号", max_length=40, blank=True)
    export_date = models.DateField("出口日期")
    commodity_code = models.CharField("商品代码", max_length=10)
    export_amount = AmountField("出口额", validators=positive)
    reason = models.CharField("原因", max_length=2, choices=NoInfoReason.choices)
    evidence = models.CharField("证明材料", max_length=200, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)
    declaration_deadline = models.DateField("申报期限", null=True, blank=True)
    extended_to = models.DateField("延期后申报期限", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "无相关电子信息申报"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.export_date}"


class SelfUseGoods(Confirmed):
    """《购进自用货物退税申报表》 (A0304001 zyhw, FORMS §4.4 V); 税额 and 退税额 computed by
    rebate.calc.other.self_use_refund at the rate in force on the 开票日期."""

    goods_name = models.CharField("购进自用货物名称", max_length=200)
    quantity = QuantityField("数量")
    unit = models.CharField("计量单位", max_length=20)
    unit_price = models.DecimalField("单价", max_digits=18, decimal_places=5)
    taxable_amount = AmountField("计税金额")
    levy_rate = RateField("征税税率", validators=fraction_validators)
    tax_amount = AmountField("税额", default=0)
    refund = AmountField("退税额", default=0)
    payment_voucher_no = models.CharField("付款凭证号码", max_length=60)
    invoice_code = models.CharField("发票代码", max_length=12, blank=True)
    invoice_no = models.CharField("增值税专用发票号码", max_length=20)
    invoice_date = models.DateField("开票日期")
    supplier_tax_id = models.CharField("供货方纳税人识别号", max_length=20)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "购进自用货物退税申报表"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.goods_name} {self.invoice_no}"


class UsedEquipment(Confirmed):
    """《出口已使用过的设备退税申报表》 (A0303001 ygsb, FORMS §4.5 V): 设备折余价值 (净值), 计税依据
    and 退税额 computed by rebate.calc.other.used_equipment_refund (财税〔2012〕39号 第四条(八))."""

    equipment_name = models.CharField("已使用过的设备名称", max_length=200)
    entry_id = models.CharField("出口报关单号", max_length=18, help_text=entry_help)
    export_date = models.DateField("出口日期")
    commodity_code = models.CharField("出口商品代码", max_length=10)
    commodity_name = models.CharField("申报海关商品名称", max_length=255, blank=True)
    rebate_rate = RateField("退税率", validators=fraction_validators)
    voucher_kind = models.CharField("凭证种类", max_length=1, choices=VoucherKind.choices)
    voucher_no = models.CharField("已使用过的设备凭证号码", max_length=40)
    invoice_date = models.DateField("开票日期")
    taxable_amount = AmountField(
        "计税金额", help_text="增值税专用发票金额或海关进口增值税专用缴款书完税价格"
    )
    original_value = AmountField("设备原值")
    years_used = models.DecimalField("已使用年限", max_digits=5, decimal_places=1)
    accumulated_depreciation = AmountField("已提累计折旧额")
    net_value = AmountField("设备折余价值", default=0)
    tax_basis = AmountField("退税计税依据", default=0)
    refund = AmountField("退税额", default=0)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "出口已使用过的设备退税申报表"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.equipment_name} {self.entry_id}"


class NonOwnProduct(Confirmed):
    """出口非自产货物退消费税申报 (A0302001 txfs, FORMS §4.6 V): the goods a manufacturer exports
    without producing them, declared by their purchase (消费税) invoices; 消费税退税额 =
    计税金额 × 征税税率 (rebate.calc.other.consumption_tax_refund, 从价 only)."""

    voucher_no = models.CharField("消费税凭证号", max_length=40)
    invoice_date = models.DateField("开票日期")
    commodity_code = models.CharField("出口商品代码", max_length=10)
    commodity_name = models.CharField("申报海关商品名称", max_length=255)
    unit = models.CharField("计量单位", max_length=20)
    quantity = QuantityField("数量")
    levy_rate = RateField("征税税率", validators=fraction_validators)
    taxable_amount = AmountField("计税金额")
    tax_amount = AmountField("税额")
    refund = AmountField("消费税退税额", default=0)
    entry_id = models.CharField("出口报关单号", max_length=18, help_text=entry_help)
    agency_certificate_no = models.CharField("代理出口货物证明号码", max_length=40, blank=True)
    export_quantity = QuantityField("出口数量")
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "出口非自产货物退消费税申报表"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.commodity_name} {self.voucher_no}"


class YearlyReport(BatchRecord):
    """A 管理类别评定 report of one 报告年度 (not later than this year)."""

    report_year = models.PositiveSmallIntegerField("报告年度")
    contact = models.CharField("负责人", max_length=60)

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.report_year and self.report_year > timezone.localdate().year:
            raise ValidationError({"report_year": "报告年度不能晚于当前年度"})
        if self.report_year and self.report_year < 2000:
            raise ValidationError({"report_year": "报告年度格式应为YYYY"})


class CapacityReport(YearlyReport):
    """生产能力情况报告 (一类企业评定 A0503001): contents inferred (FORMS §4.7 I)."""

    plant_area = models.DecimalField("生产场地面积（平方米）", max_digits=12, decimal_places=2)
    plant_tenure = models.CharField("场地权属", max_length=1, choices=PlantTenure.choices)
    main_equipment = models.TextField("主要生产设备（名称、数量、原值）")
    equipment_value = AmountField("生产设备原值合计")
    staff_count = models.PositiveIntegerField("生产人员数")
    main_products = models.TextField("主要产品及年产能")
    last_year_output = AmountField("上年产值")
    last_year_export = AmountField("上年出口额")
    outsourcing = models.TextField("外购及委托加工情况", blank=True)

    class Meta:
        verbose_name = "生产能力情况报告"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.report_year}年度生产能力情况报告"


class RiskControlReport(YearlyReport):
    """内部风控体系建设情况报告 (一类企业评定 A0503001): contents inferred (FORMS §4.7 I)."""

    policies = models.TextField("风控制度")
    positions = models.TextField("岗位设置及职责")
    process_control = models.TextField("出口业务流程控制（合同、物流、收汇、单证）")
    systems = models.TextField("信息系统")
    self_inspection = models.TextField("自查及整改机制")

    class Meta:
        verbose_name = "内部风控体系建设情况报告"
        verbose_name_plural = verbose_name
        ordering = ["-period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.report_year}年度内部风控体系建设情况报告"
