"""Column totals of the 明细表 (and services tables) for 生成汇总数据 — sums of calc's line results.

Each line's 不得免征和抵扣税额 and 免抵退税额 were computed by rebate.calc when the line was
written, so a total is one aggregate over the stored lines (DOMAIN §1.4: every total is a sum
of rounded lines). PostgreSQL sums NUMERIC exactly in SQL; SQLite would sum in binary floating
point, so there it sums the lines' cents as integers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import BigIntegerField, Count, F, Max, Sum
from django.db.models.functions import Cast, Round

from rebate.accounts.models import Enterprise
from rebate.calc.mdt import GoodsTotals, ProcessingWriteoff, ServiceTotals
from rebate.calc.money import ZERO

from . import inputs

AMOUNTS = ("fob_usd", "fob_cny", "non_creditable", "exempt_credit_refund")


def _lines(enterprise: Enterprise, period: str, batch_id: int | None) -> Any:
    from rebate.goods.models import ExportLine

    if batch_id is None:
        return inputs.collected_lines(enterprise, period)
    return ExportLine.objects.filter(enterprise=enterprise, declaration_batch_id=batch_id)


def goods_totals(
    enterprise: Enterprise, period: str, batch_id: int | None = None
) -> tuple[GoodsTotals, int]:
    rows = _lines(enterprise, period, batch_id)
    if connection.vendor == "postgresql":
        agg = rows.aggregate(n=Count("id"), **{name: Sum(name) for name in AMOUNTS})
        sums = [agg[name] if agg[name] is not None else ZERO for name in AMOUNTS]
        return GoodsTotals(*sums), agg["n"]
    # SQLite holds a NUMERIC amount as a binary float, so SUM(amount) would add floats. Each
    # stored amount rounds back to its cents exactly (under 10^13 yuan: fewer than 15
    # significant digits, what Django's own converter reads back), so SQLite adds the lines'
    # cents as 64-bit integers: the exact total, in one aggregate. Reading the 100,000 lines
    # into Decimals to add them in Python took 1.4 s (the summary bench's profile).
    cents = {name: Sum(Cast(Round(F(name) * 100), BigIntegerField())) for name in AMOUNTS}
    agg = rows.aggregate(n=Count("id"), **cents)
    return GoodsTotals(*(Decimal(agg[name] or 0).scaleb(-2) for name in AMOUNTS)), agg["n"]


# (model, USD, 计税金额, 征退税差额, 免抵退税额 columns): DOMAIN §3 rows 3/4/7/12.
SERVICE_COLUMNS = (
    ("service_exports.TaxableService", "received_usd", "taxable_cny", "difference_tax", "refund"),
    (
        "service_exports.TransportLine",
        "turnover_usd",
        "taxable_cny",
        "non_creditable",
        "exempt_credit_refund",
    ),
)


def _service_rows(label: str, enterprise: Enterprise, period: str, batch_id: int | None) -> Any:
    model: Any = apps.get_model(label)
    rows = model._default_manager.filter(enterprise=enterprise)
    if batch_id is None:
        return rows.filter(period=period, declaration_batch_id__isnull=True)
    return rows.filter(declaration_batch_id=batch_id)


def service_totals(
    enterprise: Enterprise, period: str, batch_id: int | None = None
) -> ServiceTotals | None:
    """跨境应税行为 + 国际运输 totals (rows 3, 7, 12 and part of 4), or None without services."""
    sums, found = [ZERO, ZERO, ZERO, ZERO], False
    for label, *columns in SERVICE_COLUMNS:
        for values in _service_rows(label, enterprise, period, batch_id).values_list(*columns):
            found = True
            for index, value in enumerate(values):
                sums[index] += value
    return ServiceTotals(*sums) if found else None


def mdt_summary_totals(
    enterprise: Enterprise, period: str, batch_id: int | None = None
) -> tuple[GoodsTotals, ServiceTotals | None, int]:
    goods, count = goods_totals(enterprise, period, batch_id)
    return goods, service_totals(enterprise, period, batch_id), count


def mdt_writeoff(enterprise: Enterprise, period: str) -> ProcessingWriteoff:
    """Rows 8 and 14 from confirmed 进料加工核销, through the hook the processing family fills
    (rebate.customs.sources.provide_processing_writeoff; 免抵退 never imports that family)."""
    from rebate.customs.sources import processing_writeoff

    return processing_writeoff(enterprise, period)


def mdt_lines_changed_at(enterprise: Enterprise, period: str) -> Any:
    """The latest change among the period's collected lines (goods and services tables)."""
    stamps = [_lines(enterprise, period, None).aggregate(at=Max("updated_at"))["at"]]
    for label, *_ in SERVICE_COLUMNS:
        rows = _service_rows(label, enterprise, period, None)
        stamps.append(rows.aggregate(at=Max("updated_at"))["at"])
    return max((s for s in stamps if s is not None), default=None)


def mdt_open_period(enterprise: Enterprise) -> str | None:
    """The latest period with 明细表 lines not yet in a batch (the page opens on it)."""
    from rebate.goods.models import ExportLine

    period: str | None = (
        ExportLine.objects.filter(enterprise=enterprise, declaration_batch_id__isnull=True)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    return period
