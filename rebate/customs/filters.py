"""The 报关单信息 filters (DC-12): 出口年月, 报关单号, 出口发票号, 生成状态."""

from __future__ import annotations

import django_filters
from django import forms

from .choices import GenerationStatus
from .models import Declaration

INPUT = "form-control form-control-sm"


class DeclarationFilter(django_filters.FilterSet):  # type: ignore[misc]
    export_month = django_filters.CharFilter(
        label="出口年月",
        widget=forms.TextInput(
            attrs={"placeholder": "YYYYMM", "size": 8, "maxlength": 6, "class": INPUT}
        ),
    )
    entry_id = django_filters.CharFilter(
        label="报关单号",
        lookup_expr="contains",
        widget=forms.TextInput(attrs={"size": 20, "class": INPUT}),
    )
    invoice_no = django_filters.CharFilter(
        label="出口发票号",
        lookup_expr="contains",
        widget=forms.TextInput(attrs={"size": 14, "class": INPUT}),
    )
    generation_status = django_filters.ChoiceFilter(
        label="生成状态",
        choices=GenerationStatus.choices,
        empty_label="全部",
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    class Meta:
        model = Declaration
        fields = ["export_month", "entry_id", "invoice_no", "generation_status"]
