"""海外仓出口货物核对 at 1366×768: a pre-refunded HWC-YT line past its reconciliation date is
flagged 逾期 and listed by the simulated bureau; a wrong 销售日期 is refused beside the field,
then the sale is recorded (reported to the bureau, which drops it) and the flag vanishes, on the
page and on 期限看板."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from rebate.accounts.tests.factories import make_user, onboard_at_eport
from rebate.overseas.tests.factories import make_prerefunded

from .test_goods import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _at_bureau(customs_code, *lines):
    """The simulated bureau's own record of the declared HWC-YT lines (as its 确认申报 keeps)."""
    enterprise = apps.get_model("sim_taxbureau", "Enterprise").objects.get(
        customs_code=customs_code
    )
    submission = apps.get_model("sim_taxbureau", "Submission").objects.create(
        enterprise=enterprise, receipt_no=f"E2E{customs_code}", filename="x.xml",
        business_code="A0305001", period="202503", card_no="CK", digest="0" * 64,
        status="审核通过", submitted_at=timezone.now(),
    )  # fmt: skip
    for line in lines:
        apps.get_model("sim_taxbureau", "OverseasLine").objects.create(
            submission=submission, enterprise=enterprise, period=line.period,
            line_no=str(line.sequence_no), item_key=line.item_key, export_date=line.export_date,
            fob_cny=line.fob_cny, exempt_credit_refund=line.exempt_credit_refund,
        )  # fmt: skip


def test_reconcile_an_overdue_overseas_line(live_server, laptop, shot) -> None:
    page = laptop
    user = make_user(password="pw-Test-2026")
    onboard_at_eport(user.enterprise)
    overdue = make_prerefunded(user.enterprise, period="202503", export_date=date(2025, 3, 10),
                               commodity_name="锂电池储能柜")  # fmt: skip
    later = make_prerefunded(user.enterprise, export_date=date(2026, 2, 1))
    _at_bureau(user.enterprise.customs_code, overdue, later)
    sign_in(page, live_server, user)
    board = live_server.url + "/ckts/obligations/?kind=海外仓对账"
    page.goto(board)
    expect(page.locator('#obligations tr[data-kind="海外仓对账"]').first).to_contain_text("已逾期")

    page.goto(live_server.url + "/ckts/overseas/")
    row = page.locator(f'#overseas-lines tr[data-pk="{overdue.pk}"]')
    expect(row.locator(".overdue")).to_have_text("逾期")
    expect(row.locator(".due")).to_have_text("2026-04-15")
    expect(row.locator(".status")).to_have_text("未核对")
    expect(row.locator(".bureau")).to_have_text("列为未核对")
    expect(page.locator(f'#overseas-lines tr[data-pk="{later.pk}"] .overdue')).to_have_text("")
    expect(page.locator("#count-overdue")).to_have_text("1")
    shot("overseas-01-overdue")

    page.click(f"#reconcile-{overdue.pk}")
    page.select_option("#id_outcome", "sold")
    page.fill("#id_sold_on", "2026-02-30")
    page.fill("#id_sale_amount", "52000.00")
    page.click("#btn-reconcile")
    expect(page.locator('.conv-error[data-for="sold_on"]')).to_have_text("请输入如2026-03-15的日期")
    shot("overseas-02-bad-date")

    page.fill("#id_sold_on", "2026-06-18")
    page.click("#btn-reconcile")
    expect(page.locator(".alert-success")).to_contain_text(f"已核对报关单{overdue.item_key}")
    expect(row.locator(".status")).to_have_text("已核对")
    expect(row.locator(".overdue")).to_have_text("")
    expect(row.locator(".summary")).to_have_text("2026-06-18 售出 52000.00")
    expect(row.locator(".bureau")).to_have_text("未列入")  # the bureau took it off its list
    expect(page.locator("#count-overdue")).to_have_text("0")
    shot("overseas-03-reconciled")
    stored = apps.get_model("sim_taxbureau", "OverseasLine").objects.get(item_key=overdue.item_key)
    assert (stored.outcome, stored.sale_amount) == ("sold", D("52000.00"))

    page.goto(board)
    rows = page.locator('#obligations tr[data-kind="海外仓对账"]')
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(later.item_key)
    expect(rows.first).to_contain_text("2027-04-15")
    shot("overseas-04-board")


def test_a_reconciliation_the_bureau_kept_but_our_save_lost_is_recovered(
    live_server, laptop, shot
) -> None:
    """The bureau recorded the 补缴 (its report got there), our save did not: the line shows
    税务机关已登记 with the bureau's figures, not 逾期, and one click records them."""
    page = laptop
    user = make_user(password="pw-Test-2026")
    onboard_at_eport(user.enterprise)
    lost = make_prerefunded(user.enterprise, period="202503", export_date=date(2025, 3, 10),
                            commodity_name="锂电池储能柜")  # fmt: skip
    _at_bureau(user.enterprise.customs_code, lost)
    apps.get_model("sim_taxbureau", "OverseasLine").objects.filter(item_key=lost.item_key).update(
        reconciled_at=timezone.now(), outcome="unsold", settlement="repay",
        settle_amount=D("910.00"), reason="海外仓盘亏",
    )  # fmt: skip
    sign_in(page, live_server, user)
    page.goto(live_server.url + "/ckts/overseas/")
    row = page.locator(f'#overseas-lines tr[data-pk="{lost.pk}"]')
    expect(row.locator(".status")).to_have_text("税务机关已登记")
    expect(row.locator(".overdue")).to_have_text("")
    expect(row.locator(".summary")).to_have_text("税务机关登记：补缴 910.00：海外仓盘亏")
    expect(row.locator(".mismatch")).to_have_text("税务机关已登记核对结果，本系统尚未记录")
    shot("overseas-05-recorded-at-bureau")

    page.click(f"#recover-{lost.pk}")
    expect(page.locator("#recorded-at-bureau")).to_contain_text("补缴 910.00：海外仓盘亏")
    expect(page.locator("#reconcile-form")).to_have_count(0)
    shot("overseas-06-recover")
    page.click("#btn-from-bureau")
    expect(page.locator(".alert-success")).to_contain_text("已按税务机关登记的核对结果记录")
    expect(row.locator(".status")).to_have_text("已核对")
    expect(row.locator(".summary")).to_have_text("补缴 910.00：海外仓盘亏")
    expect(row.locator(".mismatch")).to_have_count(0)
    shot("overseas-07-recovered")
