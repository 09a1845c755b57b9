"""Reads of the 配置 data; the first argument is always the enterprise (DESIGN §4.3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from rebate.accounts.models import Enterprise
from rebate.calc.exchange import MethodChoice, RateMethod, method_for_year
from rebate.codes.selectors import exchange_rate

from .choices import PAPERLESS_TYPE, YesNo
from .models import (
    DeliveryPlace,
    EnterpriseCurrency,
    EnterpriseExtension,
    EnterpriseFiling,
    EnterpriseProfile,
    FilingHistory,
    Principal,
    RateMethodChoice,
)

DEFAULT_RATE_METHOD = RateMethod.SAME_DAY


def enterprise_currencies(enterprise: Enterprise) -> QuerySet[EnterpriseCurrency]:
    """PZ-01: the currencies the enterprise uses in entry."""
    return EnterpriseCurrency.objects.for_enterprise(enterprise).order_by("currency_code")


def principals(enterprise: Enterprise) -> QuerySet[Principal]:
    """PZ-02: the enterprise's 委托企业."""
    return Principal.objects.for_enterprise(enterprise).order_by("name")


def delivery_places(enterprise: Enterprise) -> QuerySet[DeliveryPlace]:
    """PZ-03: the enterprise's 自用到货地点."""
    return DeliveryPlace.objects.for_enterprise(enterprise).order_by("code")


def extensions(enterprise: Enterprise, type_code: str = "") -> QuerySet[EnterpriseExtension]:
    """PZ-06: 企业扩展信息 rows, optionally of one 扩展类型代码."""
    rows = EnterpriseExtension.objects.for_enterprise(enterprise)
    if type_code:
        rows = rows.filter(type_code=type_code)
    return rows.order_by("type_code", "-valid_from")


def is_paperless(enterprise: Enterprise, on_date: date) -> bool:
    """Whether the enterprise is a 无纸化 declarant on ``on_date``."""
    return (
        extensions(enterprise, PAPERLESS_TYPE)
        .filter(valid_from__lte=on_date, value=YesNo.YES)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on_date))
        .exists()
    )


def enterprise_profile(enterprise: Enterprise) -> EnterpriseProfile | None:
    """PZ-08: the enterprise's completed data, or None before the clerk saved it."""
    return EnterpriseProfile.objects.for_enterprise(enterprise).first()


def filing_history(enterprise: Enterprise) -> QuerySet[FilingHistory]:
    """PZ-04's 备案历史: the approved filings, latest first."""
    return FilingHistory.objects.for_enterprise(enterprise)


def enterprise_filing(enterprise: Enterprise) -> EnterpriseFiling | None:
    """PZ-04: the bureau's 备案 data as last read from feedback, or None."""
    return EnterpriseFiling.objects.for_enterprise(enterprise).first()


def rate_method_history(enterprise: Enterprise) -> QuerySet[RateMethodChoice]:
    """Every 汇率折算方式 choice of the enterprise, latest year first."""
    return RateMethodChoice.objects.for_enterprise(enterprise).order_by("-year")


def enterprise_rate_method(enterprise: Enterprise, year: int) -> RateMethod:
    """The enterprise's 汇率折算方式 in force in ``year`` (当天 when never chosen)."""
    history = [
        MethodChoice(row.year, RateMethod[row.method]) for row in rate_method_history(enterprise)
    ]
    return method_for_year(history, year) or DEFAULT_RATE_METHOD


def export_exchange_rate(enterprise: Enterprise, currency: str, export_date: date) -> Decimal:
    """The 折合率 of an export line: the central parity under the enterprise's method.

    Raises rebate.calc.exchange.MissingRateError when the rate is not stored.
    """
    method = enterprise_rate_method(enterprise, export_date.year)
    return exchange_rate(currency, export_date, method)
