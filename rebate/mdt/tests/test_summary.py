"""生成汇总数据: DOMAIN §4's worked example, 本年累计, row 13, blocking problems, staleness."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rebate.declarations import services
from rebate.declarations.tests.conftest import PERIOD, line_input
from rebate.declarations.tests.factories import generate_unsigned
from rebate.goods import services as goods
from rebate.goods.models import ExportLine
from rebate.mdt import services as mdt_services
from rebate.mdt.models import Summary, SummaryLine
from rebate.mdt.selectors import summary_table
from rebate.mdt.totals import goods_totals

pytestmark = pytest.mark.django_db
D = Decimal


def _summary(clerk, period=PERIOD, credit="100000.00", transfer="60000.00"):
    return mdt_services.summary_generate(
        enterprise=clerk.enterprise,
        actor=clerk,
        period=period,
        vat_transfer_out=D(transfer),
        ending_credit=D(credit),
    )


def test_worked_example_rows(clerk, lines):
    lines()
    rows = {r.row: r for r in summary_table(_summary(clerk, transfer="59000.00"))}
    expected = {
        1: "280000.00",
        2: "280000.00",
        4: "2000000.00",
        5: "60000.00",
        6: "60000.00",
        9: "60000.00",
        10: "200000.00",
        11: "200000.00",
        13: "0.00",
        15: "200000.00",
        16: "0.00",
        17: "100000.00",
        18: "100000.00",
        19: "100000.00",
    }
    for row, value in expected.items():
        assert rows[row].current == D(value), row
        assert rows[row].year_to_date == D(value), row  # first declaration of the year
    assert rows[9].vat_difference == D("1000.00")
    assert rows[1].label == "免抵退税出口销售额（美元）" and len(rows) == 19


def test_totals_are_the_exact_sums_of_the_lines(clerk, lines):
    """SQLite keeps amounts as binary floats: the totals are still the Decimal sums (0.29 × 100
    is 28.999… in floating point; a red-letter line is negative)."""
    amounts = ["0.29", "0.57", "-0.01", "1234567.89", "98765432.11", "0.10", "0.20"]
    lines(*(line_input(n, fob_usd=D(a), fob_cny=D(a) * 7) for n, a in enumerate(amounts, 1)))
    stored = ExportLine.objects.filter(enterprise=clerk.enterprise)
    totals, count = goods_totals(clerk.enterprise, PERIOD)
    assert count == len(amounts)
    for name in ("fob_usd", "fob_cny", "non_creditable", "exempt_credit_refund"):
        expected = sum(stored.values_list(name, flat=True), D("0.00"))
        assert getattr(totals, name) == expected, name
    assert str(totals.fob_usd) == "100000001.15"


def test_next_period_chains_year_to_date_and_carried_offset(clerk, lines):
    lines()
    _summary(clerk)
    _generate(clerk)
    # April: only a red-letter correction of −20,000 免抵退税额 (DOMAIN §4 variant).
    lines(
        line_input(
            9,
            period="202504",
            export_date=date(2025, 4, 2),
            business_types="HZCJ",
            fob_usd=D("-28169.01"),
            fob_cny=D("-200000.00"),
            quantity=D("-10"),
        )
    )
    april = {r.row: r for r in summary_table(_summary(clerk, period="202504", credit="0.00"))}
    assert april[10].current == D("-20000.00")
    assert april[15].current == D("0.00") and april[16].current == D("20000.00")
    assert april[11].year_to_date == D("180000.00")  # summed
    assert april[13].year_to_date == D("0.00")  # the carry into the year
    assert april[18].year_to_date == D("100000.00")


def test_summary_refused_while_a_batch_is_alive_and_inputs_checked(clerk, lines):
    lines()
    with pytest.raises(ValidationError, match="期末留底税额不能为负数"):
        _summary(clerk, credit="-1.00")
    _summary(clerk)
    _generate(clerk)
    with pytest.raises(ValidationError, match="请先撤销申报数据后再生成汇总数据"):
        _summary(clerk)
    with pytest.raises(ValidationError, match="所属期格式应为YYYYMM"):
        _summary(clerk, period="2025-3")


def test_regenerating_replaces_the_draft(clerk, lines):
    lines()
    _summary(clerk)
    _summary(clerk, credit="50000.00")
    assert SummaryLine.objects.filter(row=17).get().current == D("50000.00")


def test_generation_refused_when_lines_changed_after_summary(clerk, lines):
    lines()
    _summary(clerk)
    lines(line_input(7))
    with pytest.raises(ValidationError, match="请重新生成汇总数据"):
        _generate(clerk)


def _generate(clerk):
    return generate_unsigned(clerk, PERIOD)


def test_blocking_problems_of_the_last_check_refuse_the_summary_and_are_listed(clerk, lines):
    lines()  # 2025-03 exports: the 申报期限 is long past, no exchange rates are loaded
    run = services.consistency_check(
        enterprise=clerk.enterprise, actor=clerk, family="mdt", period=PERIOD
    )
    blocking = list(run.issues.filter(skippable=False))
    assert blocking and run.blocking_count == len(blocking)
    with pytest.raises(ValidationError) as refused:
        _summary(clerk)
    text = "；".join(refused.value.messages)
    assert f"数据一致性检查有{len(blocking)}个不可跳过的问题，不能生成汇总数据" in text
    # By code: how many, the first message and the first lines (not every identical row).
    codes = {i.code for i in blocking}
    for code in codes:
        of_code = sorted((i for i in blocking if i.code == code), key=lambda i: (i.line_no, i.pk))
        first = of_code[0]
        assert f"{code}（{len(of_code)}条）：{first.message}（申报序号{first.line_no}" in text
    assert text.count("申报序号") == len(codes)  # one summary row per code
    assert not Summary.objects.exists()


def test_summary_older_than_deleted_lines_is_stale_on_the_page_and_refused(client, clerk, lines):
    first, _ = lines()
    _summary(clerk)
    goods.export_line_delete(obj=first, enterprise=clerk.enterprise, actor=clerk)
    client.force_login(clerk)
    html = client.get(reverse("mdt:generate") + f"?period={PERIOD}").content.decode()
    assert 'id="summary-stale"' in html and "生成汇总数据时2条明细，现有1条明细" in html
    with pytest.raises(ValidationError, match=r"汇总数据已过期.*请重新生成汇总数据"):
        _generate(clerk)
    _summary(clerk)
    html = client.get(reverse("mdt:generate") + f"?period={PERIOD}").content.decode()
    assert 'id="summary-stale"' not in html and "1条明细" in html
    assert _generate(clerk).line_count == 1


def test_an_edit_that_moves_no_total_still_makes_the_summary_stale(clerk, lines):
    first, _ = lines()
    _summary(clerk)
    goods.export_line_update(
        obj=first, enterprise=clerk.enterprise, actor=clerk, data={"invoice_no": "2544009999"}
    )
    with pytest.raises(ValidationError, match="生成汇总数据后明细数据有修改"):
        _generate(clerk)
