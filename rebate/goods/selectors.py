"""Reads of goods data; the first argument is the enterprise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from rebate.accounts.models import Enterprise
from rebate.codes.selectors import RateNotFound, rate_lookup

from .choices import LineStatus
from .models import ExportLine


def library_rates(code: str, on_date: date) -> tuple[dict[str, Any] | None, str]:
    """征税率, 退税率 and 计量单位 of a 商品代码 on the 出口日期 from the rate library."""
    try:
        row = rate_lookup(code, on_date)
    except RateNotFound as exc:
        return None, f"{exc}，请核对商品代码和出口日期"
    return {"levy_rate": row.levy_rate, "rebate_rate": row.rebate_rate, "unit": row.unit}, ""


def declared_lines(enterprise: Enterprise) -> QuerySet[ExportLine]:
    """货物冲减 (TS-05): lines already declared, that a 冲减 may reverse."""
    return ExportLine.objects.for_enterprise(enterprise).filter(
        status=LineStatus.DECLARED, reverses__isnull=True
    )


def remaining(enterprise: Enterprise, lines: Sequence[ExportLine]) -> dict[int, dict[str, Decimal]]:
    """What is left of each line after its 冲减 lines: quantity, USD and RMB FOB (positive)."""
    reversed_ = (
        ExportLine.objects.for_enterprise(enterprise)
        .filter(reverses__in=[line.pk for line in lines])
        .values("reverses")
        .annotate(quantity=Sum("quantity"), fob_usd=Sum("fob_usd"), fob_cny=Sum("fob_cny"))
    )
    used = {row["reverses"]: row for row in reversed_}
    return {
        line.pk: {
            name: Decimal(getattr(line, name)) + Decimal(used.get(line.pk, {}).get(name) or 0)
            for name in ("quantity", "fob_usd", "fob_cny")
        }
        for line in lines
    }
