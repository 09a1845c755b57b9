"""The 生成汇总数据 dialog of 免抵退 (the 所属期 comes from the engine's PeriodForm)."""

from __future__ import annotations

from django import forms

from rebate.declarations.forms import PeriodForm


class SummaryForm(PeriodForm):
    vat_transfer_out = forms.DecimalField(
        label="不得抵扣税额累加",
        max_digits=18,
        decimal_places=2,
        min_value=0,
        help_text="当期增值税纳税申报表的进项税额转出（免抵退税不得免征和抵扣税额）累加",
    )
    ending_credit = forms.DecimalField(
        label="期末留底税额",
        max_digits=18,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="当期增值税纳税申报表的期末留抵税额，即汇总表第17栏；不填则取税局的增值税纳税申报表",
    )
    ending_credit_reason = forms.CharField(
        label="差异原因",
        max_length=200,
        required=False,
        help_text="填写的期末留底税额与税局的增值税纳税申报表不一致时必填",
    )
