"""List filters (查询条件) shared by the record forms: code prefixes and the batch records'
所属期 and 状态."""

from __future__ import annotations

from typing import Any

import django_filters as filters

from .models import RecordStatus


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
    """The filters every batch record has (core.models.BatchRecord)."""

    period = filters.CharFilter(label="所属期", lookup_expr="exact")
    status = filters.ChoiceFilter(label="状态", choices=RecordStatus.choices, empty_label="全部")


def period_filter(
    model: type, base: type[filters.FilterSet] = PeriodFilterSet
) -> type[filters.FilterSet]:
    """`base`'s filters for `model` (a FilterSet needs its model in a Meta class)."""
    meta = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}Filter", (base,), {"Meta": meta})
