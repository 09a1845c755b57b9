"""首页 dashboard: figures of planted batches, one query per chart, scoped, empty state."""

from __future__ import annotations

import datetime
import html
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import Doubt, ReviewRecord
from rebate.declarations.tests.factories import make_batch
from rebate.refunds.services import record_received
from rebate.web import dashboard

pytestmark = pytest.mark.django_db
D = Decimal


def _figures(usd, cny, refund_ceiling, refund, exempt):
    keys = dashboard.MONTHLY_KEYS
    return dict(zip(keys, (usd, cny, refund_ceiling, refund, exempt), strict=True))


@pytest.fixture
def planted(clerk):
    e = clerk.enterprise
    march = make_batch(
        e,
        period="202503",
        status=BatchStatus.PASSED,
        receipt_no="R1",
        figures=_figures("280000.00", "2000000.00", "200000.00", "150000.00", "50000.00"),
    )
    ReviewRecord.objects.create(
        enterprise=e,
        family="mdt",
        business_code="A0305001",
        period="202503",
        receipt_no="R1",
        result="passed",
        batch=march,
        figures={"refund_due": "149000.10", "exempt_credit": "50999.90", "adjustment": "-999.90"},
        reasons="海关电子信息美元离岸价低于申报数，核减免抵退税额",
    )
    april = make_batch(
        e,
        period="202504",
        status=BatchStatus.CHECKED,
        figures=_figures("10.10", "71.71", "0.20", "0.10", "0.10"),
    )
    revoked = make_batch(
        e,
        period="202504",
        batch_no="02",
        status=BatchStatus.REVOKED,
        figures=_figures("999.00", "999.00", "999.00", "999.00", "999.00"),
    )
    for code, skippable, batch in (
        ("MDT_CKHW_BGD_SPDM", False, april),
        ("MDT_CKHW_BGD_SPDM", False, april),
        ("MDT_CKHW_BGD_LSSBJL", True, april),
        ("MDT_CKHW_BGD_CKRQ", False, march),  # declared and approved since: not open
    ):
        Doubt.objects.create(
            enterprise=e, batch=batch, code=code, level="E", skippable=skippable, message="x",
            table="TSSB",
        )  # fmt: skip
    make_batch(make_user().enterprise, period="202503", figures=_figures(*["5"] * 5))
    for amount in ("100000.00", "49000.10"):  # two transfers from the 国库
        record_received(
            enterprise=e, actor=clerk, batch=march, received_on=datetime.date(2025, 5, 20),
            amount=D(amount),
        )  # fmt: skip
    return march, april, revoked


def test_monthly_figures_sum_the_live_batches(clerk, planted, django_assert_num_queries):
    with django_assert_num_queries(1):
        months = dashboard.monthly_figures(clerk.enterprise)
    assert list(months) == ["202503", "202504"]
    assert months["202503"]["refund_due"] == D("150000.00")
    assert months["202504"]["fob_usd_total"] == D("10.10")  # the revoked 999.00 counts nowhere


def test_expected_against_approved_refund(clerk, planted, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = dashboard.refunds(clerk.enterprise)
    assert [(r.period, r.expected, r.approved, r.adjustment, r.received) for r in rows] == [
        ("202503", D("150000.00"), D("149000.10"), D("-999.90"), D("149000.10")),
        ("202504", D("0.10"), None, None, D("0.00")),
    ]
    assert rows[0].reason.startswith("海关电子信息") and rows[1].reason == ""


def test_batches_by_state_and_open_doubts(clerk, planted, django_assert_num_queries):
    with django_assert_num_queries(1):
        states = dashboard.batches_by_state(clerk.enterprise)
    assert sorted(states) == [
        ("免抵退税申报", "审核通过", 1),
        ("免抵退税申报", "已撤销", 1),
        ("免抵退税申报", "自检完成", 1),
    ]
    with django_assert_num_queries(1):
        doubts = dashboard.open_doubts(clerk.enterprise)
    assert doubts == [("MDT_CKHW_BGD_SPDM", 2, 2), ("MDT_CKHW_BGD_LSSBJL", 1, 0)]


def test_the_page_sends_amounts_as_strings(clerk_client, planted):
    page = clerk_client.get(reverse("web:dashboard")).content.decode()
    assert 'id="chart-refunds"' in page and "vendor/echarts/echarts.min.js" in page
    found = re.search(r'data-charts="([^"]*)"', page)
    assert found is not None
    data = json.loads(html.unescape(found.group(1)))
    assert data["monthly"]["refund_due"] == ["150000.00", "0.10"]
    assert data["refunds"][0] == {
        "period": "202503",
        "batch": planted[0].number,
        "expected": "150000.00",
        "approved": "149000.10",
        "adjustment": "-999.90",
        "reason": "海关电子信息美元离岸价低于申报数，核减免抵退税额",
        "received": "149000.10",
    }
    assert data["doubts"][0] == {"code": "MDT_CKHW_BGD_SPDM", "count": 2, "blocking": 2}


def test_a_new_enterprise_sees_what_to_do_next(clerk_client):
    page = clerk_client.get(reverse("web:dashboard")).content.decode()
    assert 'id="dashboard-empty"' in page and "本企业还没有申报数据" in page
    assert reverse("customs:declarations") in page and "echarts" not in page


def test_without_a_card_no_enterprise_figures(client, clerk, planted):
    client.force_login(make_user(clerk.enterprise, with_card=False))
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "插入并绑定IC卡后" in page and "data-charts" not in page
