"""The reconciliation of one pre-refunded line: sold (销售日期, 销售金额) or unsold (补缴/调整)."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from rebate.integrations.taxbureau import OverseasReport

from .models import Outcome, Settlement

AMOUNT_ERRORS = {"invalid": "请输入金额，如12345.67", "max_digits": "金额过大"}


def _amount(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=18,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),  # our message, not the browser's
        error_messages={**AMOUNT_ERRORS, "max_decimal_places": "金额最多两位小数"},
    )


class ReconciliationForm(forms.Form):
    # The red message beside the field says what is missing, not the browser.
    use_required_attribute = False

    outcome = forms.ChoiceField(
        label="核对结果",
        choices=[("", "请选择"), *Outcome.choices],
        error_messages={"required": "请选择核对结果（已售出/未售出）"},
    )
    sold_on = forms.DateField(
        label="销售日期",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "2026-03-15"}),  # no browser validation
        error_messages={"invalid": "请输入如2026-03-15的日期"},
    )
    sale_amount = _amount("销售金额")
    settlement = forms.ChoiceField(
        label="处理方式（未售出）", required=False, choices=[("", "—"), *Settlement.choices]
    )
    settle_amount = _amount("补缴/调整金额")
    reason = forms.CharField(label="原因（未售出）", max_length=300, required=False)

    def report(self) -> OverseasReport:
        data = self.cleaned_data
        amount = data.get("sale_amount")
        settle = data.get("settle_amount")
        return OverseasReport(
            outcome=data["outcome"],
            sold_on=data.get("sold_on"),
            sale_amount=Decimal(amount) if amount is not None else None,
            settlement=data.get("settlement", ""),
            settle_amount=Decimal(settle) if settle is not None else None,
            reason=data.get("reason", ""),
        )
