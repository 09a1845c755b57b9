"""The family's forms (batch records) and the 加贸反馈 it reads (DOMAIN §5, FORMS JL-01…05).

Field sources: DOMAIN §5.1 (备案: 计划进口总值, 计划出口总值, 计划分配率), §5.3 (核销表 columns
2–8, the 调整表 columns [project decision]), §5.4 (the bureau's GS_JLJG_JHFPL / GS_JLJG_HXJG).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from rebate.core.fields import AmountField, RateField
from rebate.core.models import BatchRecord, EnterpriseOwned, year_validator

# 手（账）册号 as customs numbers it (the 报关单's 备案号): a letter (B 来料, C 进料, E 账册 …)
# and 11 digits, e.g. C44032600002 [project decision: DOMAIN §12.2 ManualNo, 12 characters].
manual_validator = RegexValidator(
    r"^[A-Z]\d{11}$", "手（账）册号应为海关编号格式：1位字母加11位数字，如C44032600002"
)
entry_validator = RegexValidator(r"^\d{18}$", "报关单号应为18位数字")
trade_mode_validator = RegexValidator(r"^\d{4}$", "监管方式应为4位数字代码，如0615")
rate_validators = [
    MinValueValidator(0, "分配率应为0至1之间的小数，如 0.65"),
    MaxValueValidator(1, "分配率应为0至1之间的小数，如 0.65（不是65）"),
]
positive = [MinValueValidator(0, "金额不能为负数")]


class Direction(models.TextChoices):
    IMPORT = "I", "进口"
    EXPORT = "E", "出口"


class PlannedRate(BatchRecord):
    """计划分配率备案 (A0307001 jlba, JL-01): the first manual's 计划进口总值 ÷ 计划出口总值."""

    manual_no = models.CharField("手（账）册号", max_length=12, validators=[manual_validator])
    planned_imports = AmountField("计划进口总值", validators=positive)
    planned_exports = AmountField("计划出口总值", validators=positive)
    planned_rate = RateField("计划分配率", default=0)
    valid_from = models.DateField("启用日期", help_text="计划分配率自该日起（按出口日期）适用")

    class Meta:
        verbose_name = "计划分配率备案"
        ordering = ["period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.manual_no} {self.planned_rate}"


class PlannedRateChange(BatchRecord):
    """计划分配率变更 (A0308001 jlbg, JL-01): the adjusted rate (JHFPLV_NEW) with its reason."""

    manual_no = models.CharField(
        "手（账）册号", max_length=12, blank=True, validators=[manual_validator]
    )
    previous_rate = RateField("原计划分配率", null=True, blank=True)
    new_rate = RateField("调整后计划分配率", validators=rate_validators)
    valid_from = models.DateField("变更生效日期", help_text="调整后的分配率自该日起适用")
    reason = models.CharField("变更原因", max_length=200)

    class Meta:
        verbose_name = "计划分配率变更"
        ordering = ["period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.new_rate} {self.reason}"


class FeedbackManual(EnterpriseOwned):
    """加贸反馈 (JL-02/03): a manual customs wrote off, with its records and the bureau's
    实际分配率 (《进料加工手（账）册实际分配率反馈表》)."""

    year = models.CharField("申报年", max_length=4, validators=[year_validator])
    manual_no = models.CharField("手（账）册号", max_length=12, validators=[manual_validator])
    valid_from = models.DateField("核销起始日期")
    valid_to = models.DateField("核销截止日期")
    writeoff_date = models.DateField("海关核销日期")
    import_total = AmountField("进口总值")
    export_total = AmountField("出口总值")
    actual_rate = RateField("实际分配率")
    source = models.CharField("来源", max_length=200, blank=True)

    class Meta:
        verbose_name = "加贸反馈"
        ordering = ["-year", "manual_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "manual_no"], name="processing_feedback_manual"
            )
        ]

    def __str__(self) -> str:
        return f"{self.manual_no} {self.actual_rate}"


class FeedbackRecord(EnterpriseOwned):
    """One customs 报关单 line of a written-off manual, by 监管方式 (RMB), from the feedback."""

    manual = models.ForeignKey(FeedbackManual, on_delete=models.CASCADE, related_name="records")
    direction = models.CharField("进出口", max_length=1, choices=Direction.choices)
    entry_id = models.CharField("报关单号", max_length=18, blank=True)
    g_no = models.PositiveIntegerField("项号", default=1)
    trade_mode = models.CharField("监管方式", max_length=4)
    amount_cny = AmountField("金额（人民币）")

    class Meta:
        verbose_name = "加贸反馈海关数据"
        indexes = [models.Index(fields=["manual"])]


class Writeoff(BatchRecord):
    """免抵退核销申报 (A0306001 jlhx, JL-04): one row of the 《生产企业进料加工业务免抵退税核销
    表》, prefilled per manual from the 加贸反馈; columns 5–8 computed (rebate.calc.allocation)."""

    manual_no = models.CharField(
        "申报核销手（账）册号", max_length=12, validators=[manual_validator]
    )
    start_date = models.DateField("核销起始日期")
    end_date = models.DateField("核销截止日期")
    import_total = AmountField("进口总值", default=0)
    export_total = AmountField("出口总值", default=0)
    actual_rate = RateField("实际分配率", default=0)
    declared_exports = AmountField("已申报出口额", default=0)
    refund_adjustment = AmountField("应调整免抵退税额", default=0)
    non_creditable_adjustment = AmountField("应调整不得免征和抵扣税额", default=0)
    confirmed_on = models.DateField("税局确认日期", null=True, blank=True, editable=False)
    confirmed_rate = RateField("确认实际分配率", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "免抵退核销申报"
        ordering = ["period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.manual_no} {self.actual_rate}"


class CustomsAdjustment(BatchRecord):
    """已核销手（账）册海关数据调整表 (JL-05): a correction of a written-off manual's customs
    data, signed, counted like a record (DOMAIN §5.3 columns [project decision])."""

    manual_no = models.CharField("手（账）册号", max_length=12, validators=[manual_validator])
    direction = models.CharField("进出口标志", max_length=1, choices=Direction.choices)
    entry_id = models.CharField("报关单号", max_length=18, validators=[entry_validator])
    g_no = models.PositiveIntegerField("项号", default=1)
    trade_mode = models.CharField("监管方式", max_length=4, validators=[trade_mode_validator])
    amount_cny = AmountField("金额（人民币）")
    reason = models.CharField("调整原因", max_length=200)

    class Meta:
        verbose_name = "已核销手（账）册海关数据调整表"
        ordering = ["period", "sequence_no", "id"]

    def __str__(self) -> str:
        return f"{self.manual_no} {self.entry_id}"
