"""List filters (查询条件) of the goods forms."""

from __future__ import annotations

import django_filters as filters

from rebate.core.filters import PrefixFilter
from rebate.core.models import RecordStatus

from . import models


class GoodsPeriodFilterSet(filters.FilterSet):  # type: ignore[misc]
    """core.filters.PeriodFilterSet with the 出口报关单号 the goods forms are keyed by, shown
    between 所属期 and 状态 (declared anew: a subclass's own filters would come last)."""

    period = filters.CharFilter(label="所属期", lookup_expr="exact")
    item_key = PrefixFilter(label="出口报关单号", full_length=21)
    status = filters.ChoiceFilter(label="状态", choices=RecordStatus.choices, empty_label="全部")


class ExportLineFilter(GoodsPeriodFilterSet):
    commodity_code = PrefixFilter(label="出口商品代码", full_length=10)
    invoice_no = filters.CharFilter(label="出口发票号", lookup_expr="exact")
    business_types = filters.CharFilter(label="业务类型", lookup_expr="contains")
    trade_mode = PrefixFilter(label="监管方式", full_length=4)

    class Meta:
        model = models.ExportLine
        fields: list[str] = []
