"""退税试算: the 汇总表 rows under another 期末留抵, lines moved away or another library's rates,
from DOMAIN §4's two lines (免抵退税额 142000.00 + 58000.00, 不得免征和抵扣税额 60000.00)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.codes.models import RateEntry, RateLibraryVersion
from rebate.goods.models import ExportLine
from rebate.insight.whatif import Scenario, what_if
from rebate.mdt.models import Summary, SummaryLine
from rebate.mdt.services import summary_generate

pytestmark = pytest.mark.django_db
PERIOD = "202503"
D = Decimal


def _library(version: str, rebate: str, code: str = "8501109990") -> None:
    library = RateLibraryVersion.objects.create(version=version)
    RateEntry.objects.create(
        library=library,
        code=code,
        valid_from=date(2025, 1, 1),
        name="微电机",
        levy_rate=D("0.13"),
        rebate_rate=D(rebate),
    )


def _summary(clerk) -> None:
    """生成汇总数据 with 期末留抵 300000.00 (above the 免抵退税额: 应退税额 200000.00)."""
    summary_generate(
        enterprise=clerk.enterprise,
        actor=clerk,
        period=PERIOD,
        vat_transfer_out=D("60000.00"),
        ending_credit=D("300000.00"),
    )


def test_another_ending_credit_changes_the_refund_only(clerk, lines):
    lines()
    _summary(clerk)
    result = what_if(clerk.enterprise, PERIOD, Scenario(ending_credit=D("50000.00")))
    assert result.base_ending_credit == D("300000.00")
    assert (result.refund.base, result.refund.trial, result.refund.delta) == (
        D("200000.00"),
        D("50000.00"),
        D("-150000.00"),
    )
    assert (result.row(19).base, result.row(19).trial) == (D("0.00"), D("150000.00"))
    assert result.row(11).delta == 0 and result.line_count == 2


def test_before_generating_the_summary_the_base_takes_the_entered_credit(clerk, lines):
    lines()
    result = what_if(clerk.enterprise, PERIOD, Scenario(ending_credit=D("50000.00")))
    assert result.base_ending_credit == D("50000.00")
    assert result.refund.base == result.refund.trial == D("50000.00")


def test_a_line_moved_to_the_next_period_leaves_the_period(clerk, lines):
    _, second = lines()
    scenario = Scenario(ending_credit=D("300000.00"), moved=frozenset({second.pk}))
    result = what_if(clerk.enterprise, PERIOD, scenario)
    assert result.row(4).trial == D("1420000.00") and result.row(4).base == D("2000000.00")
    assert result.row(11).trial == D("142000.00")
    assert result.refund.trial == D("142000.00") and result.refund.base == D("200000.00")
    assert (result.moved_count, result.moved_refund, result.line_count) == (1, D("58000.00"), 1)


def test_another_library_version_recomputes_each_line_with_its_rates(clerk, lines):
    lines()
    _library("2025B", "0.13")
    scenario = Scenario(ending_credit=D("300000.00"), library_version="2025B")
    result = what_if(clerk.enterprise, PERIOD, scenario)
    assert result.row(11).trial == D("260000.00")  # 2000000 × 0.13
    assert result.row(6).trial == D("0.00") and result.row(6).base == D("60000.00")
    assert result.refund.trial == D("260000.00")
    assert [c.after for c in result.rate_changes] == [(D("0.13"), D("0.13"))] * 2


def test_a_version_without_the_code_is_refused_by_line(clerk, lines):
    lines()
    _library("2025C", "0.13", code="8501101000")
    with pytest.raises(ValidationError) as refused:
        what_if(clerk.enterprise, PERIOD, Scenario(D("0"), library_version="2025C"))
    assert "申报序号" in str(refused.value.message_dict["library_version"])


def _snapshot() -> list:
    return [
        list(ExportLine.objects.order_by("pk").values_list("pk", "period", "updated_at")),
        list(Summary.objects.order_by("pk").values_list("pk", "ending_credit", "updated_at")),
        list(SummaryLine.objects.order_by("pk").values_list("pk", "current")),
    ]


def test_the_page_shows_the_trial_and_saves_nothing(clerk_client, clerk, lines):
    _, second = lines()
    _library("2025B", "0.13")
    _summary(clerk)
    before = _snapshot()
    query = {"period": PERIOD, "ending_credit": "100000.00", "moved": [second.pk]}
    page = clerk_client.get(reverse("insight:whatif"), query).content.decode()
    assert 'id="trial-refund">100000.00<' in page and 'id="base-refund">200000.00<' in page
    assert "1条明细移至下期（免抵退税额58000.00元）" in page
    page = clerk_client.get(
        reverse("insight:whatif"), {**query, "library_version": "2025B", "moved": []}
    ).content.decode()
    assert 'id="trial-refund">100000.00<' in page and 'id="rate-changes"' in page
    assert _snapshot() == before


def test_bad_input_is_refused_at_the_field(clerk_client, clerk, lines):
    lines()
    other = make_user()
    stranger = ExportLine.objects.create(
        **{
            f.name: getattr(ExportLine.objects.first(), f.name)
            for f in ExportLine._meta.concrete_fields
            if f.name not in ("id", "enterprise")
        }
        | {"enterprise": other.enterprise, "item_key": "530420250000099990001"},
    )
    url = reverse("insight:whatif")
    page = clerk_client.get(url, {"period": PERIOD, "ending_credit": "-1"}).content.decode()
    assert 'id="error-ending_credit"' in page and "期末留抵税额不能为负数" in page
    assert 'id="whatif-result"' not in page
    page = clerk_client.get(
        url, {"period": PERIOD, "ending_credit": "0", "moved": [stranger.pk]}
    ).content.decode()
    assert "所选明细不属于本所属期未申报的明细" in page and 'id="whatif-result"' not in page


def test_the_summary_step_links_to_the_trial(clerk_client, lines):
    lines()
    page = clerk_client.get(reverse("mdt:generate"), {"period": PERIOD}).content.decode()
    assert reverse("insight:whatif") + f"?period={PERIOD}" in page
