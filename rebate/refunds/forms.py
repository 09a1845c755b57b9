"""退税到账 entered by hand, and a bank statement to import (for one 免抵退 batch)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms


class BatchChoice(forms.Form):
    # The red message beside the field says what is missing, not the browser.
    use_required_attribute = False

    batch = forms.TypedChoiceField(label="申报数据", coerce=int)

    def __init__(self, *args: Any, batches: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["batch"].choices = batches  # type: ignore[attr-defined]
        if len(batches) == 1:
            self.fields["batch"].widget = forms.HiddenInput()
            self.fields["batch"].initial = batches[0][0]


class ReceivedForm(BatchChoice):
    received_on = forms.DateField(
        label="到账日期",
        widget=forms.TextInput(attrs={"placeholder": "2026-03-15"}),  # no browser validation
        error_messages={"invalid": "请输入如2026-03-15的日期"},
    )
    amount = forms.DecimalField(
        label="到账金额",
        max_digits=18,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),  # our message, not the browser's
        error_messages={"invalid": "请输入金额，如12345.67", "min_value": "到账金额应大于0"},
    )
    summary = forms.CharField(label="摘要", max_length=200, required=False)


class StatementForm(BatchChoice):
    file = forms.FileField(label="银行流水（CSV或Excel，列：日期、金额、摘要）")
