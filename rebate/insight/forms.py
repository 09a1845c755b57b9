"""The what-if form: the inputs a trial may change (nothing it changes is saved)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from rebate.codes.models import RateLibraryVersion
from rebate.declarations.forms import PeriodForm

from .whatif import Scenario

MOVED_LIMIT = 500


class WhatIfForm(PeriodForm):
    ending_credit = forms.DecimalField(
        label="期末留抵税额",
        max_digits=18,
        decimal_places=2,
        min_value=0,
        help_text="试算用的增值税纳税申报表期末留抵税额（汇总表第17栏）",
        error_messages={"min_value": "期末留抵税额不能为负数", "required": "请输入期末留抵税额"},
    )
    library_version = forms.ChoiceField(
        label="退税率文库版本",
        required=False,
        help_text="选择另一版本时，各明细按该版本在出口日期的征税率、退税率重新计算",
    )
    moved = forms.TypedMultipleChoiceField(
        label="移至下期的明细",
        required=False,
        coerce=int,
        choices=(),
        error_messages={"invalid_choice": "所选明细不属于本所属期未申报的明细"},
    )

    def __init__(self, *args: Any, line_ids: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = RateLibraryVersion.objects.order_by("-imported_at").values_list(
            "version", "active"
        )
        cast(forms.ChoiceField, self.fields["library_version"]).choices = [("", "明细现有税率")] + [
            (v, f"{v}（当前启用）" if active else v) for v, active in versions
        ]
        cast(forms.ChoiceField, self.fields["moved"]).choices = [
            (pk, str(pk)) for pk in line_ids or []
        ]

    def clean_moved(self) -> list[int]:
        moved: list[int] = self.cleaned_data["moved"]
        if len(moved) > MOVED_LIMIT:
            raise forms.ValidationError(f"一次最多移动{MOVED_LIMIT}条明细")
        return moved

    def scenario(self) -> Scenario:
        data = self.cleaned_data
        return Scenario(
            ending_credit=data["ending_credit"],
            moved=frozenset(data["moved"]),
            library_version=data["library_version"],
        )
