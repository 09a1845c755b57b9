"""Test rows of every configuration model; registers each with the tenant-isolation harness."""

from __future__ import annotations

import itertools
from datetime import date

from rebate.accounts.models import Enterprise
from rebate.accounts.tests.factories import make_uscc
from rebate.configuration.choices import PAPERLESS_TYPE, FilingSource
from rebate.configuration.models import (
    DeliveryPlace,
    EnterpriseCurrency,
    EnterpriseExtension,
    EnterpriseFiling,
    EnterpriseProfile,
    FilingHistory,
    Principal,
    RateMethodChoice,
)
from rebate.core.testing import isolation

_seq = itertools.count(1)


def make_currency(enterprise: Enterprise) -> EnterpriseCurrency:
    return EnterpriseCurrency.objects.create(
        enterprise=enterprise, currency_code=f"Q{next(_seq) % 100:02d}", name="测试币"
    )


def make_principal(enterprise: Enterprise) -> Principal:
    return Principal.objects.create(
        enterprise=enterprise, name="委托方有限公司", taxpayer_id=make_uscc(900000 + next(_seq))
    )


def make_place(enterprise: Enterprise) -> DeliveryPlace:
    return DeliveryPlace.objects.create(enterprise=enterprise, code=f"P{next(_seq)}", name="一号仓")


def make_paperless(enterprise: Enterprise) -> EnterpriseExtension:
    return EnterpriseExtension.objects.create(
        enterprise=enterprise, type_code=PAPERLESS_TYPE, value="Y", valid_from=date(2026, 1, 1)
    )


def make_profile(enterprise: Enterprise) -> EnterpriseProfile:
    return EnterpriseProfile.objects.create(
        enterprise=enterprise, legal_representative="张三", contact="李四", phone="13800000000"
    )


def make_filing(enterprise: Enterprise) -> EnterpriseFiling:
    return EnterpriseFiling.objects.create(
        enterprise=enterprise, filing_no="BA2026001", source=FilingSource.FEEDBACK
    )


def make_rate_method(enterprise: Enterprise) -> RateMethodChoice:
    return RateMethodChoice.objects.create(enterprise=enterprise, year=2026, method="SAME_DAY")


def make_history(enterprise: Enterprise) -> FilingHistory:
    return FilingHistory.objects.create(
        enterprise=enterprise, business_code="A0101001", label="出口退（免）税备案",
        filed_on=date(2026, 12, 1), summary="示范企业，免抵退税",
    )  # fmt: skip


isolation.register(EnterpriseCurrency, make=make_currency)
isolation.register(Principal, make=make_principal)
isolation.register(DeliveryPlace, make=make_place)
isolation.register(EnterpriseExtension, make=make_paperless)
isolation.register(EnterpriseProfile, make=make_profile)
isolation.register(EnterpriseFiling, make=make_filing)
isolation.register(FilingHistory, make=make_history, list_urls=["configuration:enterprise_info"])
isolation.register(RateMethodChoice, make=make_rate_method)
