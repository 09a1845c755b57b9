"""海外仓出口货物核对: a pre-refunded HWC-YT line's due date from the dated rule (both sides of
公告2025年第3号's 2025-01-27), the overdue flag on a fixed today, one write path that reports to
the (fake) bureau first and never alters the declared line, Chinese messages beside the fields,
the bureau's list compared, 期限看板 dropping reconciled lines, and one enterprise's lines only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line
from rebate.integrations.taxbureau import OverseasReport, PrerefundedLine
from rebate.obligations import selectors as board
from rebate.overseas import selectors, services
from rebate.overseas.models import OverseasReconciliation

from .factories import make_prerefunded

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)
SOLD = OverseasReport("sold", date(2026, 5, 6), Decimal("7300.00"))


def _record(clerk, line, report=SOLD, bureau=None, today=TODAY):
    return services.record_reconciliation(
        enterprise=clerk.enterprise, actor=clerk, line=line, report=report, port=bureau,
        today=today,
    )  # fmt: skip


def test_due_date_on_both_sides_of_the_announcement_and_overdue_on_a_fixed_today(clerk):
    before = make_prerefunded(clerk.enterprise, export_date=date(2025, 1, 26))
    first = make_prerefunded(clerk.enterprise, export_date=date(2025, 1, 27))
    later = make_prerefunded(clerk.enterprise, export_date=date(2026, 2, 1))
    found, truncated = selectors.rows(clerk.enterprise, TODAY)
    assert not truncated
    assert [(r.line.pk, r.due, r.overdue, r.status) for r in found] == [
        (before.pk, None, False, "未核对"),  # no pre-refund before 公告2025年第3号: no rule
        (first.pk, date(2026, 4, 15), True, "未核对"),  # April filing day of 2026, passed
        (later.pk, date(2027, 4, 15), False, "未核对"),
    ]
    on_the_day = {
        r.line.pk: r.overdue for r in selectors.rows(clerk.enterprise, date(2026, 4, 15))[0]
    }
    next_day = {
        r.line.pk: r.overdue for r in selectors.rows(clerk.enterprise, date(2026, 4, 16))[0]
    }
    assert on_the_day[first.pk] is False and next_day[first.pk] is True


def test_only_declared_hwc_yt_lines_are_prerefunded(clerk):
    make_export_line(clerk.enterprise, business_types="HWC-YT")  # not declared yet
    make_export_line(clerk.enterprise, status="declared")  # declared, no HWC-YT
    make_export_line(clerk.enterprise, status="declared", business_types="HWC-YTX")
    line = make_prerefunded(clerk.enterprise, business_types="HZCJ,HWC-YT")
    assert [r.line.pk for r in selectors.rows(clerk.enterprise, TODAY)[0]] == [line.pk]


def test_a_sale_is_reported_to_the_bureau_and_recorded_beside_the_unaltered_line(clerk, bureau):
    line = make_prerefunded(clerk.enterprise, export_date=date(2025, 3, 1))
    declared = model_to_dict(ExportLine.objects.get(pk=line.pk))
    record = _record(clerk, line)
    assert bureau.reports == {line.item_key: SOLD}
    assert (record.outcome, record.sold_on, record.sale_amount) == (
        "sold", date(2026, 5, 6), Decimal("7300.00"),
    )  # fmt: skip
    assert model_to_dict(ExportLine.objects.get(pk=line.pk)) == declared
    [row] = selectors.rows(clerk.enterprise, TODAY)[0]
    assert (row.status, row.overdue, row.reconciliation) == ("已核对", False, record)
    with pytest.raises(ValidationError, match="不能重复核对"):
        _record(clerk, line)
    assert OverseasReconciliation.objects.count() == 1


def test_unsold_needs_settlement_amount_and_reason_in_chinese_nothing_saved(clerk, bureau):
    line = make_prerefunded(clerk.enterprise)
    with pytest.raises(ValidationError) as error:
        _record(clerk, line, OverseasReport("unsold", settle_amount=Decimal("0")))
    assert error.value.message_dict == {
        "settlement": ["未售出须选择补缴或调整"],
        "settle_amount": ["补缴/调整金额应大于0"],
        "reason": ["未售出须说明原因"],
    }
    with pytest.raises(ValidationError) as error:
        _record(clerk, line, OverseasReport("sold", date(2026, 1, 31), None))
    assert error.value.message_dict == {
        "sold_on": ["销售日期不能早于出口日期2026-02-01"],
        "sale_amount": ["已售出须填写销售金额"],
    }
    assert not OverseasReconciliation.objects.exists() and "reconcile_overseas" not in bureau.calls
    repay = OverseasReport("unsold", None, None, "repay", Decimal("910.00"), "海外仓盘亏")
    assert _record(clerk, line, repay).summary == "补缴 910.00：海外仓盘亏"


def test_the_bureaus_refusal_records_nothing(clerk, bureau):
    line = make_prerefunded(clerk.enterprise)
    bureau.reports[line.item_key] = SOLD  # already reconciled at the bureau
    with pytest.raises(ValidationError, match="海外仓预退税已核对"):
        _record(clerk, line)
    assert not OverseasReconciliation.objects.exists()


def test_a_line_not_prerefunded_cannot_be_reconciled(clerk, bureau):
    undeclared = make_export_line(clerk.enterprise, business_types="HWC-YT")
    with pytest.raises(ValidationError, match="不是已申报的海外仓预退税"):
        _record(clerk, undeclared)
    assert bureau.reports == {}


def test_the_bureaus_list_is_compared_line_by_line(clerk, bureau):
    listed = make_prerefunded(clerk.enterprise)
    missing = make_prerefunded(clerk.enterprise)
    stale = make_prerefunded(clerk.enterprise)
    OverseasReconciliation.objects.create(
        enterprise=clerk.enterprise, line=stale, outcome="sold", sold_on=date(2026, 5, 1),
        sale_amount=Decimal("1.00"),
    )  # fmt: skip

    def prerefund(item_key: str) -> PrerefundedLine:
        return PrerefundedLine("202602", "1", item_key, date(2026, 2, 1), Decimal("7100.00"),
                               Decimal("923.00"), "SB000001")  # fmt: skip

    foreign = "530420269999999999001"
    bureau.overseas = [prerefund(k) for k in (listed.item_key, stale.item_key, foreign)]
    found = selectors.overview(clerk.enterprise, TODAY)
    mismatch = {r.line.pk: (r.at_bureau, r.mismatch) for r in found.rows}
    assert mismatch == {
        listed.pk: (True, ""),
        missing.pk: (False, "税务局清单中没有该明细"),
        stale.pk: (True, "税务局仍列为未核对"),
    }
    assert [b.item_key for b in found.bureau_only] == [foreign]


def test_page_form_errors_beside_the_fields_then_recorded(client, clerk, bureau):
    line = make_prerefunded(clerk.enterprise, export_date=date(2025, 3, 1))
    client.force_login(clerk)
    page = client.get(reverse("overseas:lines")).content.decode()
    assert f'data-pk="{line.pk}"' in page and "逾期" in page and "2026-04-15" in page
    url = reverse("overseas:line", args=[line.pk])
    bad = client.post(url, {"outcome": "sold", "sold_on": "2026-02-30", "sale_amount": "abc"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert '<div class="conv-error" data-for="sold_on">请输入如2026-03-15的日期</div>' in html
    assert '<div class="conv-error" data-for="sale_amount">请输入金额，如12345.67</div>' in html
    empty = client.post(url, {"outcome": "sold"}).content.decode()
    assert '<div class="conv-error" data-for="sold_on">已售出须填写销售日期</div>' in empty
    assert not OverseasReconciliation.objects.exists()
    good = {"outcome": "sold", "sold_on": "2026-05-06", "sale_amount": "7,300.00"}
    assert client.post(url, good).status_code == 400  # a thousands comma is not an amount
    good["sale_amount"] = "7300.00"
    assert client.post(url, good).status_code == 302
    page = client.get(reverse("overseas:lines")).content.decode()
    assert "已核对" in page and "2026-05-06 售出 7300.00" in page
    assert '<span class="badge text-bg-danger">逾期</span>' not in page


def test_the_board_drops_reconciled_lines_and_shows_overdue_ones(clerk, bureau):
    overdue = make_prerefunded(clerk.enterprise, export_date=date(2025, 3, 1))
    done = make_prerefunded(clerk.enterprise, export_date=date(2025, 4, 1))
    _record(clerk, done)
    rows = [o for o in board.board(clerk.enterprise, TODAY).obligations if o.kind == "海外仓对账"]
    assert [(o.subject, o.overdue, o.days_left, o.url, o.action) for o in rows] == [
        (board._subject(overdue), True, -230, reverse("overseas:line", args=[overdue.pk]), "核对"),
    ]


def test_one_enterprise_never_sees_or_reconciles_anothers_lines(client, clerk, bureau):
    theirs = make_prerefunded(make_user().enterprise)
    assert selectors.rows(clerk.enterprise, TODAY)[0] == []
    client.force_login(clerk)
    url = reverse("overseas:line", args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"outcome": "sold"}).status_code == 404
    with pytest.raises(ValidationError, match="不属于本企业"):
        _record(clerk, theirs)
    assert bureau.reports == {}
