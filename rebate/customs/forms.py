"""The dialogs of 报关单采集, with the manual's conventions (yellow required, grey computed)."""

from __future__ import annotations

from typing import Any

from django import forms

from rebate.core.forms import ConventionForm, date_input, required_when, set_required
from rebate.goods.choices import REVERSAL_TYPES, BusinessType

from .choices import DownloadMode

DATE = date_input()


class DialogForm(ConventionForm):
    """A form inside a dialog: its ids must not collide with the list's filter fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "dlg_%s")
        super().__init__(*args, **kwargs)


class DownloadForm(DialogForm):
    """信息下载: by 出口日期 range (DC-02) or by one 报关单号 (DC-03)."""

    mode = forms.ChoiceField(
        label="下载方式", choices=DownloadMode.choices, initial=DownloadMode.DATE_RANGE
    )
    date_from = forms.DateField(label="出口日期起", required=False, widget=DATE)
    date_to = forms.DateField(label="出口日期止", required=False, widget=DATE)
    entry_id = forms.RegexField(
        label="报关单号",
        regex=r"^\d{18}$",
        required=False,
        error_messages={"invalid": "报关单号应为18位数字"},
        help_text="按报关单号下载时填写18位报关单号",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Yellow follows the mode: the dates for 按出口日期, the number for 按报关单号. A wrong
        # number is told it is wrong, never also that it is missing.
        for name in ("date_from", "date_to"):
            required_when(self, name, "mode", DownloadMode.DATE_RANGE)
        required_when(self, "entry_id", "mode", DownloadMode.ENTRY_ID)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if data.get("mode") != DownloadMode.ENTRY_ID and start and end and start > end:
            self.add_error("date_to", "出口日期止不能早于出口日期起")
        return data


def business_type_choices() -> list[tuple[str, str]]:
    return [("", "（无）")] + [
        (value, f"{value} {label}")
        for value, label in BusinessType.choices
        if value not in REVERSAL_TYPES
    ]


class GenerateForm(DialogForm):
    """生成退税 (DC-05)."""

    period = forms.RegexField(
        label="所属期",
        regex=r"^\d{4}(0[1-9]|1[0-2])$",
        error_messages={"invalid": "所属期格式应为YYYYMM，如202603"},
        help_text="申报所属期，格式YYYYMM",
    )
    business_types = forms.ChoiceField(label="业务类型", required=False, choices=())
    invoice_no = forms.CharField(
        label="出口发票号",
        max_length=40,
        required=False,
        help_text="填写后勾选的报关单都使用该出口发票号；不填则使用各报关单已导入的出口发票号",
    )
    contract_no = forms.CharField(
        label="出口合同号", max_length=60, required=False, help_text="不填则使用报关单的合同协议号"
    )

    def __init__(self, *args: Any, invoice_required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field: Any = self.fields["business_types"]
        choice_field.choices = business_type_choices()
        if invoice_required:  # some ticked declaration has no 出口发票号 of its own
            set_required(self.fields["invoice_no"], True)


class InvoiceEditForm(DialogForm):
    """出口发票修改 (DC-08)."""

    invoice_no = forms.CharField(label="出口发票号", max_length=40)


class InvoiceImportForm(forms.Form):
    file = forms.FileField(label="导入文件")


class RateFixForm(DialogForm):
    """配置汇率 from a 数据检查 problem: RMB per 1 unit on the rate date."""

    computed_fields = ("currency", "on_date")
    currency = forms.CharField(label="币制", max_length=3)
    on_date = forms.DateField(label="汇率日期", widget=DATE)
    rate = forms.DecimalField(
        label="汇率", max_digits=16, decimal_places=6, min_value=0,
        help_text="人民币汇率中间价：每1单位外币折合人民币，最多6位小数",
    )  # fmt: skip


class CodeMapForm(DialogForm):
    """配置商品代码: the successor of an expired code (商品码失效调整)."""

    new_code = forms.RegexField(
        label="调整后商品代码",
        regex=r"^\d{10}$",
        error_messages={"invalid": "调整后商品代码应为10位数字"},
        help_text="退税率文库中出口日期有效的10位商品代码",
    )
