"""Forms of the 配置 pages, with the manual's conventions (yellow / grey / white, hints)."""

from __future__ import annotations

from typing import Any

from django import forms

from rebate.accounts.models import Enterprise
from rebate.codes.choices import CodeTable, RateMethod
from rebate.codes.selectors import customs_codes
from rebate.core.forms import ConventionForm, ConventionModelForm, date_input

from .choices import REGION_NAMES
from .models import (
    DeliveryPlace,
    EnterpriseCurrency,
    EnterpriseExtension,
    EnterpriseProfile,
    Principal,
)

DATE_INPUT = date_input()


def currency_choices() -> list[tuple[str, str]]:
    return [("", "请选择")] + [
        (row.code, f"{row.code} {row.name}（{row.old_code}）")
        for row in customs_codes(CodeTable.CURRENCY)
    ]


class CurrencyForm(ConventionModelForm):
    computed_fields = ("name", "old_code")

    class Meta:
        model = EnterpriseCurrency
        fields = ["currency_code", "name", "old_code", "note"]
        help_texts = {"currency_code": "从海关币制代码表中选择（字母代码）"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["currency_code"]
        field.widget = forms.Select(choices=currency_choices(), attrs=field.widget.attrs)


class PrincipalForm(ConventionModelForm):
    class Meta:
        model = Principal
        fields = ["name", "taxpayer_id", "customs_code", "contact", "phone", "note"]
        help_texts = {
            "taxpayer_id": "填写委托企业的纳税人识别号（统一社会信用代码18位）",
            "customs_code": "10位海关企业代码，可不填",
        }


class DeliveryPlaceForm(ConventionModelForm):
    class Meta:
        model = DeliveryPlace
        fields = ["code", "name", "district_code", "address", "note"]
        help_texts = {
            "code": "企业自编的到货地点代码",
            "district_code": "5位海关国内地区代码，如 44031 深圳特区",
        }


class PaperlessForm(ConventionModelForm):
    class Meta:
        model = EnterpriseExtension
        fields = ["value", "valid_from", "valid_to", "note"]
        labels = {"value": "无纸化标志"}
        widgets = {"valid_from": DATE_INPUT, "valid_to": DATE_INPUT}
        help_texts = {"value": "是否为出口退(免)税无纸化申报企业", "valid_to": "不填表示长期有效"}


class RegionForm(ConventionForm):
    region = forms.ChoiceField(
        label="所属地区",
        choices=[("", "请选择")] + [(name, name) for name in REGION_NAMES],
        help_text="选择企业主管退税机关所在的地区",
    )


class ProfileForm(ConventionModelForm):
    """PZ-08. The three identity fields are shown grey: they come from the registration."""

    computed_fields = ("taxpayer_name", "uscc", "customs_code")
    taxpayer_name = forms.CharField(label="纳税人名称", required=False)
    uscc = forms.CharField(label="统一社会信用代码", required=False)
    customs_code = forms.CharField(label="海关企业代码", required=False)

    class Meta:
        model = EnterpriseProfile
        fields = [
            "legal_representative", "contact", "phone", "address", "tax_authority",
            "bank_name", "bank_account",
        ]  # fmt: skip
        help_texts = {"phone": "办税人员的联系电话"}

    field_order = ["taxpayer_name", "uscc", "customs_code"]

    def __init__(self, *args: Any, enterprise: Enterprise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["taxpayer_name"].initial = enterprise.name
        self.fields["uscc"].initial = enterprise.uscc
        self.fields["customs_code"].initial = enterprise.customs_code


class RateMethodForm(ConventionForm):
    method = forms.ChoiceField(
        label="汇率折算方式",
        choices=[("", "请选择"), *list(RateMethod.choices)],
        help_text="出口货物外汇人民币折合率：当天或当月1日的中间价，一个年度内不得变更",
    )
    year = forms.IntegerField(
        label="适用年度", min_value=2000, max_value=2100, help_text="自该年度1月1日起适用"
    )
