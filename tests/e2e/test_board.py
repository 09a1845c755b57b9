"""期限看板 and a 单证匹配 session at 1366×768: the board's rows by urgency with their links and
the SMS state, then a suggested match confirmed (出口发票号 filled on the undeclared line), a
refused manual match, and the match's 收汇情况 rows."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rebate.accounts.tests.factories import make_user
from rebate.customs.tests.factories import make_declaration, wire_item
from rebate.declarations.tests.factories import make_batch
from rebate.filings.models import Reminder
from rebate.filings.tests.factories import make_reminder
from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line
from rebate.matching.tests.factories import make_invoice, make_receipt
from rebate.processing.tests.factories import make_feedback

from .test_goods import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _plant(user):
    e = user.enterprise
    today = timezone.localdate()
    declaration = make_declaration(e, ie_date=today - timedelta(days=20), items=(
        wire_item(1, decl_total=D("18000.00")), wire_item(2, decl_total=D("12000.00")),
    ))  # fmt: skip
    line = make_export_line(
        e, period=f"{today:%Y%m}", item_key=f"{declaration.entry_id}001",
        export_date=today - timedelta(days=20), invoice_no="",
    )  # fmt: skip
    make_export_line(e, period="202512", export_date=date(2025, 11, 10))
    flagged = make_export_line(e, export_date=today - timedelta(days=40))
    ExportLine.objects.filter(pk=flagged.pk).update(recheck_reason="退税率 9%→6%（SAMPLE2026）")
    make_export_line(e, status="declared", export_date=date(2026, 2, 1), business_types="HWC-YT")
    make_batch(e, status="declared", declared_at=timezone.now() - timedelta(days=3))
    make_feedback(e, manual_no="C51234500001", writeoff_date=date(2025, 7, 25))
    reminder = make_reminder(e, remind_receipt=False)
    Reminder.objects.filter(pk=reminder.pk).update(status="declared")
    issued = today - timedelta(days=19)
    for number, amount in (("FP-A", "10000.00"), ("FP-B", "12000.00"), ("FP-C", "8000.00")):
        make_invoice(e, invoice_no=number, amount=D(amount), issued_on=issued)
    make_invoice(e, invoice_no="FP-X", amount=D("7000.00"), buyer="Globex GmbH", issued_on=issued)
    received = today - timedelta(days=5)
    make_receipt(e, amount=D("18000.00"), bank_reference="BK-1", received_on=received)
    make_receipt(e, amount=D("11950.00"), bank_reference="BK-2", received_on=received)
    make_receipt(e, amount=D("500.00"), currency="EUR", bank_reference="BK-EUR")
    return declaration, line


def test_board_and_matching_session(live_server, laptop, shot) -> None:
    page = laptop
    user = make_user(password="pw-Test-2026")
    declaration, line = _plant(user)
    sign_in(page, live_server, user)

    page.goto(live_server.url + "/ckts/obligations/")
    rows = page.locator("#obligations tbody tr")
    expect(rows.first).to_contain_text("已逾期")  # the 2025 line's 申报期限 2026-04-15
    expect(page.locator("#reminders")).to_contain_text("已开通")
    expect(page.locator("#reminders")).to_contain_text("即将逾期申报、单证备案")
    expect(page.locator('#obligations tr[data-kind="备案单证"]')).to_contain_text("12 天")
    expect(page.locator('#obligations tr[data-kind="进料加工核销"]')).to_contain_text(
        "C51234500001"
    )
    expect(page.locator('#obligations tr[data-kind="退税率变更"]')).to_contain_text("9%→6%")
    expect(page.locator('#obligations tr[data-kind="海外仓对账"]')).to_contain_text("2027-04-15")
    shot("board-01-deadlines")
    page.locator('#obligations tr[data-kind="退税率变更"] a').click()
    page.wait_for_url("**/ckts/goods/exportline/*/**")

    page.goto(live_server.url + "/ckts/matching/")
    proposal = page.locator(f'#proposals tr[data-declaration="{declaration.entry_id}"]')
    expect(proposal).to_contain_text("FP-A")
    expect(proposal).to_contain_text("BK-2")
    expect(page.locator("#open-receipts")).to_contain_text("BK-EUR")
    shot("board-02-matching-session")

    # A manual match across currencies is refused, with the reason, nothing saved.
    page.locator("#open-declarations input").first.check()
    page.locator('#open-invoices input[aria-label="选择发票 FP-X"]').check()
    page.locator('#open-receipts input[aria-label="选择收汇 BK-EUR"]').check()
    page.click("#manual button[type=submit]")
    expect(page.locator(".alert")).to_contain_text("币种不一致（EUR、USD）")
    shot("board-03-matching-refused")

    proposal.locator("button").click()
    expect(page.locator(".alert")).to_contain_text("回填出口发票号 1 条未申报明细")
    expect(page.locator("#receipt-rows tbody tr")).to_have_count(2)
    expect(page.locator("#receipt-rows")).to_contain_text("11950.00")
    shot("board-04-match-confirmed")
    line.refresh_from_db()
    assert line.invoice_no == "FP-A,FP-B,FP-C"
