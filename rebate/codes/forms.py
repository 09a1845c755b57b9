"""Forms of the 商品代码 queries and the reference-data maintenance pages."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from rebate.core.forms import ConventionForm, ConventionModelForm, date_input

from .choices import CodeTable
from .models import DeadlineRule
from .selectors import customs_codes

DATE_INPUT = date_input()
DIGITS = re.compile(r"^\d{1,20}$")


class RateSearchForm(ConventionForm):
    """退税商品码 / 不退税或免税商品码: code prefix, name, and the date that should apply."""

    code = forms.CharField(
        label="商品代码", required=False, max_length=20, help_text="输入商品代码或其前几位"
    )
    name = forms.CharField(
        label="商品名称", required=False, max_length=50, help_text="输入商品名称中的文字"
    )
    on_date = forms.DateField(
        label="适用日期",
        required=False,
        widget=DATE_INPUT,
        help_text="选择日期，只显示该日有效的记录；不选则显示全部有效期",
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data.get("code") or "").strip()
        if code and not DIGITS.match(code):
            raise forms.ValidationError("商品代码只能包含数字")
        return code


class RateLibraryImportForm(ConventionForm):
    archive = forms.FileField(
        label="文库文件", help_text="税务机关发布的出口退税率文库zip文件，如 CMCODE2026B.zip"
    )
    version = forms.CharField(
        label="文库版本", required=False, max_length=40, help_text="不填则取自文件名"
    )


def currency_choices() -> list[tuple[str, str]]:
    return [("", "请选择")] + [
        (row.code, f"{row.code} {row.name}")
        for row in customs_codes(CodeTable.CURRENCY).exclude(code="CNY")
    ]


class ExchangeRateForm(ConventionForm):
    currency = forms.ChoiceField(label="币制", choices=())
    on_date = forms.DateField(label="日期", widget=DATE_INPUT)
    rate = forms.DecimalField(
        label="中间价（每1单位）",
        max_digits=16,
        decimal_places=6,
        help_text="1单位外币折合人民币元，最多6位小数（如美元 7.102500）",
    )
    reason = forms.CharField(
        label="修改原因", required=False, max_length=200, help_text="修改已有汇率时必须填写"
    )

    def __init__(self, *args: Any, locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        currency = self.fields["currency"]
        assert isinstance(currency, forms.ChoiceField)
        currency.choices = currency_choices()
        if locked:
            for name in ("currency", "on_date"):
                self.fields[name].disabled = True
                self.fields[name].widget.attrs["class"] += " fld-computed"


class ExchangeRateImportForm(ConventionForm):
    upload = forms.FileField(
        label="汇率文件",
        help_text="CSV或Excel：第1列日期，其余各列为币种的官方中间价（每100外币或每100人民币）",
    )


class ExchangeRateDownloadForm(ConventionForm):
    date_from = forms.DateField(label="开始日期", widget=DATE_INPUT)
    date_to = forms.DateField(label="结束日期", widget=DATE_INPUT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "结束日期不能早于开始日期")
        return data


class ExchangeRateFilterForm(forms.Form):
    currency = forms.ChoiceField(label="币制", required=False, choices=())
    date_from = forms.DateField(label="日期起", required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label="日期止", required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        currency = self.fields["currency"]
        assert isinstance(currency, forms.ChoiceField)
        currency.choices = [("", "全部"), *currency_choices()[1:]]
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                f"form-{'select' if select else 'control'} form-control-sm"
            )


class DeadlineRuleForm(ConventionModelForm):
    computed_fields = ("rule_id", "business_code")

    class Meta:
        model = DeadlineRule
        fields = [
            "rule_id", "business_code", "purpose", "export_date_from", "export_date_to", "kind",
            "months", "days", "legal_basis", "consequence", "status", "enabled",
        ]  # fmt: skip
        widgets = {"export_date_from": DATE_INPUT, "export_date_to": DATE_INPUT}
        help_texts = {
            "export_date_from": "不填表示不限",
            "export_date_to": "不填表示长期",
            "months": "期限类型为“出口后N个月”时填写",
            "days": "期限类型为“出口后N天”时填写",
        }
