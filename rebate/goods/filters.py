"""List filters (查询条件) of the goods forms."""

from __future__ import annotations

from typing import Any

import django_filters as filters

from . import models
from .choices import LineStatus


class PrefixFilter(filters.CharFilter):  # type: ignore[misc]
    """Starts-with as a range (value ≤ x < value + "~"), so a plain B-tree index serves it on
    SQLite and PostgreSQL alike (LIKE 'x%' needs special collations); codes are ASCII."""

    def __init__(self, *args: Any, full_length: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.full_length = full_length

    def filter(self, qs: Any, value: Any) -> Any:
        if not value:
            return qs
        value = value.strip()
        if len(value) == self.full_length:  # a whole code: equality also serves the ordering
            return qs.filter(**{self.field_name: value})
        return qs.filter(
            **{f"{self.field_name}__gte": value, f"{self.field_name}__lt": value + "~"}
        )


class PeriodFilterSet(filters.FilterSet):  # type: ignore[misc]
    period = filters.CharFilter(label="所属期", lookup_expr="exact")
    item_key = PrefixFilter(label="出口报关单号", full_length=21)
    status = filters.ChoiceFilter(label="状态", choices=LineStatus.choices, empty_label="全部")


class ExportLineFilter(PeriodFilterSet):
    commodity_code = PrefixFilter(label="出口商品代码", full_length=10)
    invoice_no = filters.CharFilter(label="出口发票号", lookup_expr="exact")
    business_types = filters.CharFilter(label="业务类型", lookup_expr="contains")
    trade_mode = PrefixFilter(label="监管方式", full_length=4)

    class Meta:
        model = models.ExportLine
        fields: list[str] = []


def period_filter(model: type) -> type[PeriodFilterSet]:
    meta = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}Filter", (PeriodFilterSet,), {"Meta": meta})
