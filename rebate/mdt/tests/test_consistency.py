"""数据一致性检查 through rebate.calc.checks: problems listed, empty means none."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rebate.declarations import services
from rebate.declarations.tests.conftest import CLEAN_PERIOD as PERIOD
from rebate.declarations.tests.conftest import line_input, october
from rebate.goods import services as goods

pytestmark = pytest.mark.django_db
D = Decimal


def check(clerk):
    return services.consistency_check(
        enterprise=clerk.enterprise, actor=clerk, family="mdt", period=PERIOD
    )


def codes(run):
    return sorted(run.issues.values_list("code", flat=True))


def test_clean_period_gives_an_empty_result(clerk, lines, rates):
    lines(october(1), october(2, day=6, fob_usd=D("80000.00"), fob_cny=D("580000.00")))
    run = check(clerk)
    assert run.line_count == 2
    assert codes(run) == []


def test_duplicates_rates_and_deadline_are_reported(clerk, lines, rates):
    key = "530420260000000001001"
    lines(
        october(1, item_key=key),
        october(2, item_key=key),
        october(3, day=6, fob_usd=D("100.00"), fob_cny=D("9999.00")),
    )
    found = codes(check(clerk))
    assert "LOCAL_DUPLICATE_ITEM" in found
    assert "LOCAL_FOB_CNY_USD_MISMATCH" in found
    issue = check(clerk).issues.get(code="LOCAL_DUPLICATE_ITEM")
    assert "重复" in issue.message and issue.record_id is not None and not issue.skippable


def test_class_4_enterprise_needs_receipt_data(clerk, lines, rates):
    clerk.enterprise.category = "4"
    clerk.enterprise.save()
    lines(october(1))
    issue = check(clerk).issues.get(code="LOCAL_SHOUHUI_MISSING")
    assert "四类企业" in issue.message and "收汇" in issue.message


def test_summary_arithmetic_and_deadline(clerk, lines, rates):
    lines(line_input(1))  # 2025-03 export: past the April 2026 deadline
    run = services.consistency_check(
        enterprise=clerk.enterprise, actor=clerk, family="mdt", period="202503"
    )
    assert "LOCAL_DEADLINE" in codes(run)
    assert goods  # the goods services made the lines
