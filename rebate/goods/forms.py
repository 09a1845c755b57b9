"""The goods forms: ModelForms with the manual's conventions (yellow / grey / white)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from rebate.core.forms import ConventionModelForm, set_required

from . import models
from .choices import BusinessType
from .selectors import library_rates

LINE_FIELDS = (
    "period", "sequence_no", "item_key", "export_date", "invoice_no", "agency_certificate_no",
    "commodity_code", "commodity_name", "unit", "quantity", "fob_usd", "fob_cny",
    "customs_fob_usd", "customs_fob_cny", "levy_rate", "rebate_rate", "trade_mode",
    "allocation_rate", "handbook_no", "domestic_free_materials", "bonded_materials_price",
    "non_creditable", "exempt_credit_refund", "business_types", "contract_no", "currency",
    "transaction_total", "transaction_fob", "transaction_rate", "usd_rate", "rebate_month",
    "declared_commodity_code", "declared_commodity_name", "note",
)  # fmt: skip
FROM_LIBRARY = "不填时按出口日期从退税率文库带出"
KNOWN_BUSINESS_TYPES = frozenset(BusinessType.values)  # .values builds its list on every call


def validate_business_types(text: str) -> str:
    """业务类型: comma-joined codes of the list (STZC may carry a -NN suffix)."""
    codes = [c.strip().upper() for c in text.replace("，", ",").split(",") if c.strip()]
    known, stzc = KNOWN_BUSINESS_TYPES, BusinessType.STZC
    unknown = [c for c in codes if c not in known and c.split("-")[0] != stzc]
    if unknown:
        raise forms.ValidationError(f"业务类型代码不存在：{'，'.join(unknown)}")
    return ",".join(codes)


class ZeroDefaultMixin:
    """Amount fields whose empty input means 0 (国内购进免税原材料价格, 已收汇金额…)."""

    zero_default: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields  # type: ignore[attr-defined]
        for name in self.zero_default:  # optional: white, not yellow
            set_required(fields[name], False)
            fields[name].widget.attrs["data-hint"] = f"{fields[name].label}：不填为0"

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name in self.zero_default:
            if data.get(name) is None and name in self.fields:  # type: ignore[attr-defined]
                data[name] = Decimal(0)
        return data


class ExportLineForm(ZeroDefaultMixin, ConventionModelForm):
    zero_default = ("domestic_free_materials",)
    # 海关美元/人民币离岸价 and 原币离岸价 come from 生成退税 (customs data), for comparison.
    computed_fields = (
        "bonded_materials_price", "non_creditable", "exempt_credit_refund", "customs_fob_usd",
        "customs_fob_cny", "transaction_fob",
    )  # fmt: skip
    # 征税率 and 退税率 are the library's on the 出口日期 (DOMAIN: they must equal the 文库 values).
    returned_fields = ("levy_rate", "rebate_rate")
    returned_from = "按商品代码和出口日期从退税率文库"

    class Meta:
        model = models.ExportLine
        fields = LINE_FIELDS

    def clean_business_types(self) -> str:
        return validate_business_types(self.cleaned_data.get("business_types", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        missing = [n for n in ("levy_rate", "rebate_rate", "unit") if data.get(n) in (None, "")]
        if data.get("commodity_code") and data.get("export_date"):
            rates, message = self._library_rates(data["commodity_code"], data["export_date"])
            if rates is None:
                for name in missing:
                    self.add_error(name, message)
            else:  # the rates always from the library, the unit only when left empty
                for name in {*self.returned_fields, *missing}:
                    data[name] = rates[name]
        return data

    def _library_rates(self, code: str, on: Any) -> tuple[dict[str, Any] | None, str]:
        """library_rates, asked once per (商品代码, 出口日期) of this form: an import or a bulk
        create validates its thousands of rows with one form (rebate.core.rowforms), and its
        rows repeat a few codes and dates (10,000 rows asked the library 10,000 times, 60 % of
        the bulk create's time)."""
        memo: dict[tuple[str, Any], tuple[dict[str, Any] | None, str]]
        memo = self.__dict__.setdefault("_rates_memo", {})
        if (code, on) not in memo:
            memo[code, on] = library_rates(code, on)
        return memo[code, on]


for _name in ("levy_rate", "rebate_rate", "unit"):
    ExportLineForm.base_fields[_name].required = False
    ExportLineForm.base_fields[_name].help_text = FROM_LIBRARY


class CodeAdjustmentForm(ConventionModelForm):
    class Meta:
        model = models.CodeAdjustment
        exclude = ("enterprise", "status", "declaration_batch_id")


class FobDifferenceForm(ConventionModelForm):
    computed_fields = ("difference_cny", "difference_rate", "explanation_required")

    class Meta:
        model = models.FobDifference
        exclude = ("enterprise", "status", "declaration_batch_id")


class RefundFirstForm(ConventionModelForm):
    class Meta:
        model = models.RefundFirst
        exclude = ("enterprise", "status", "declaration_batch_id")


class DeemedOwnProductForm(ConventionModelForm):
    class Meta:
        model = models.DeemedOwnProduct
        exclude = ("enterprise", "status", "declaration_batch_id")

    def clean_business_types(self) -> str:
        codes = validate_business_types(self.cleaned_data.get("business_types", ""))
        if not codes.startswith(BusinessType.STZC):
            raise forms.ValidationError("视同自产货物的业务类型应为 STZC（可带 -01 等后缀）")
        return codes


class ReceiptForm(ConventionModelForm):
    computed_fields = ("receipt_cny",)

    class Meta:
        model = models.Receipt
        exclude = ("enterprise", "status", "declaration_batch_id")


class NonReceiptForm(ZeroDefaultMixin, ConventionModelForm):
    zero_default = ("received_amount",)
    computed_fields = ("unreceived_amount", "unreceived_ratio")

    class Meta:
        model = models.NonReceipt
        exclude = ("enterprise", "status", "declaration_batch_id")


class WriteBackForm(forms.Form):
    """冲减出口 (TS-06): the common choices; the amounts per line come from WriteBackLineForm."""

    kind = forms.ChoiceField(
        label="冲减类型",
        choices=[("HZCJ", "HZCJ 红字冲减"), ("HZCJ-TY", "HZCJ-TY 红字冲减-退运")],
    )
    period = forms.RegexField(
        label="所属期",
        regex=r"^\d{4}(0[1-9]|1[0-2])$",
        error_messages={"invalid": "所属期格式应为YYYYMM"},
    )


class WriteBackLineForm(forms.Form):
    line_id = forms.IntegerField(widget=forms.HiddenInput)
    quantity = forms.DecimalField(label="冲减数量", max_digits=17, decimal_places=5, min_value=0)
    fob_usd = forms.DecimalField(
        label="冲减美元离岸价", max_digits=18, decimal_places=2, min_value=0
    )
    fob_cny = forms.DecimalField(
        label="冲减人民币离岸价", max_digits=18, decimal_places=2, min_value=0
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The row's cells have no <label> (the column header names them): the field's label is
        # its accessible name (axe label, critical).
        for field in self.fields.values():
            if field.label:
                field.widget.attrs.setdefault("aria-label", str(field.label))
