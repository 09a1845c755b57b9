"""数据检查 (DC-04) and its in-place fixes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rebate.codes.models import ExchangeRate
from rebate.configuration.models import RateMethodChoice
from rebate.customs.choices import CheckStatus
from rebate.customs.services import (
    declaration_item_map_code,
    declaration_rate_fix,
    declarations_check,
)
from rebate.goods.models import CodeAdjustment

from .factories import make_declaration, wire_item

pytestmark = pytest.mark.django_db


def check(enterprise, user, *declarations):
    report = declarations_check(
        enterprise=enterprise, actor=user, declaration_ids=[d.pk for d in declarations]
    )
    for d in declarations:
        d.refresh_from_db()
    return report


def codes_of(declaration) -> list[str]:
    return [p["code"] for p in declaration.check_problems]


def test_clean_declaration_passes(reference, enterprise, user) -> None:
    d = make_declaration(enterprise)
    report = check(enterprise, user, d)
    assert (report.passed, report.failed) == (1, 0)
    assert d.check_status == CheckStatus.PASSED and d.check_problems == []
    assert d.checked_at is not None


def test_nothing_ticked(reference, enterprise, user) -> None:
    with pytest.raises(ValidationError, match="请先勾选报关单"):
        declarations_check(enterprise=enterprise, actor=user, declaration_ids=[])


def test_missing_rate_is_reported_and_fixed_in_place(reference, enterprise, user) -> None:
    d = make_declaration(enterprise, ie_date=date(2026, 3, 18))
    check(enterprise, user, d)
    assert d.check_status == CheckStatus.FAILED
    problem = d.check_problems[0]
    assert problem["code"] == "LOCAL_EXCHANGE_RATE_MISSING"
    assert problem["message"] == "缺少USD在2026-03-18的汇率"
    assert problem["fix"] == {"kind": "rate", "currency": "USD", "date": "2026-03-18"}
    report = declaration_rate_fix(
        enterprise=enterprise, actor=user, currency="USD", on_date=date(2026, 3, 18),
        rate=Decimal("7.123456"), declaration_ids=[d.pk],
    )  # fmt: skip
    d.refresh_from_db()
    assert report.passed == 1 and d.check_status == CheckStatus.PASSED
    assert ExchangeRate.objects.get(currency="USD", on_date=date(2026, 3, 18)).rate == Decimal(
        "7.123456"
    )


def test_first_of_month_method_uses_the_first_day(reference, enterprise, user) -> None:
    RateMethodChoice.objects.create(enterprise=enterprise, year=2026, method="FIRST_OF_MONTH")
    d = make_declaration(enterprise, ie_date=date(2026, 3, 18))  # no rate on 18th, one on the 1st
    check(enterprise, user, d)
    assert d.check_status == CheckStatus.PASSED


def test_price_currency_rate_missing(reference, enterprise, user) -> None:
    d = make_declaration(enterprise, items=(wire_item(1, trade_curr="JPY"),))
    check(enterprise, user, d)
    assert [p["message"] for p in d.check_problems] == ["缺少JPY在2026-03-05的汇率"]


def test_expired_code_is_mapped_to_its_successor(reference, enterprise, user) -> None:
    d = make_declaration(enterprise, items=(wire_item(1, code_ts="8471500000"),))
    check(enterprise, user, d)
    assert codes_of(d) == ["LOCAL_SPDM_NOT_IN_LIBRARY"]
    assert "不在有效期内" in d.check_problems[0]["message"]
    item = d.items.get()
    assert d.check_problems[0]["fix"] == {
        "kind": "code",
        "item": str(item.pk),
        "code": "8471500000",
    }
    report = declaration_item_map_code(
        enterprise=enterprise, actor=user, item_id=item.pk, new_code="8471500001"
    )
    item.refresh_from_db()
    assert report.passed == 1
    assert item.rebate_code == "8471500001" and item.code_ts == "8471500000"
    # The mapping is the 商品码失效调整 record (TS-07) of the 调整对应表.
    adjustment = CodeAdjustment.objects.for_enterprise(enterprise).get(item_key=item.item_key)
    assert (adjustment.commodity_code, adjustment.adjusted_commodity_code) == (
        "8471500000",
        "8471500001",
    )
    assert adjustment.period == d.export_month


def test_mapping_to_an_unknown_code_is_refused(reference, enterprise, user) -> None:
    d = make_declaration(enterprise, items=(wire_item(1, code_ts="8471500000"),))
    with pytest.raises(ValidationError, match="退税率文库中没有商品代码"):
        declaration_item_map_code(
            enterprise=enterprise, actor=user, item_id=d.items.get().pk, new_code="9999999999"
        )


def test_unit_must_match_the_library(reference, enterprise, user) -> None:
    d = make_declaration(enterprise, items=(wire_item(1, first_unit="035"),))
    check(enterprise, user, d)
    assert codes_of(d) == ["LOCAL_UNIT_MISMATCH"]
    assert d.check_problems[0]["item"] == 1


def test_non_refundable_trade_mode(reference, enterprise, user) -> None:
    d = make_declaration(enterprise, trade_mode="0214")
    check(enterprise, user, d)
    assert "LOCAL_TRADE_MODE_NOT_REFUNDABLE" in codes_of(d)


def test_processing_trade_needs_a_manual(reference, enterprise, user) -> None:
    d = make_declaration(enterprise, trade_mode="0615")
    check(enterprise, user, d)
    assert codes_of(d) == ["MDT_JLJG_BDG_NOSCH"]
    ok = make_declaration(enterprise, trade_mode="0615", manual_no="C53041234567")
    check(enterprise, user, ok)
    assert ok.check_status == CheckStatus.PASSED


def test_uncomputable_fob_is_a_problem(reference, enterprise, user) -> None:
    d = make_declaration(enterprise, trans_mode="1", fee_mark="3", fee_rate=Decimal("5000"),
                         fee_curr="USD")  # fmt: skip
    check(enterprise, user, d)
    assert codes_of(d) == ["FOB"] and d.check_problems[0]["message"].startswith("离岸价无法计算")


def test_other_enterprise_declaration_cannot_be_checked(reference, enterprise, user) -> None:
    from rebate.accounts.tests.factories import make_user

    foreign = make_declaration(make_user().enterprise)
    with pytest.raises(ValidationError, match="不存在"):
        declarations_check(enterprise=enterprise, actor=user, declaration_ids=[foreign.pk])
