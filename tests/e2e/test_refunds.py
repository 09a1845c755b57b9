"""退税到账跟踪 at 1366×768: an approved batch with 审核调整, a refund entered by hand and a bank
statement imported (and a wrong one refused with its row named), the gap and its reason."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rebate.accounts.tests.factories import make_user
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import ReviewRecord
from rebate.declarations.tests.factories import make_batch

from .test_goods import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
REASON = "海关电子信息离岸价低于申报数，核减应退税额"


def _plant(user):
    e = user.enterprise
    adjusted = make_batch(e, period="202502", status=BatchStatus.PASSED,
                          figures={"refund_due": "63900.00"})  # fmt: skip
    ReviewRecord.objects.create(
        enterprise=e, family="mdt", business_code="A0305001", period="202502",
        receipt_no="R202502", result="passed", batch=adjusted,
        figures={"refund_due": "61200.50", "adjustment": "-2699.50"}, reasons=REASON,
    )  # fmt: skip
    make_batch(e, period="202503", status=BatchStatus.DECLARED, figures={"refund_due": "40000.00"})
    return adjusted


def test_refund_tracking_entered_and_imported(live_server, laptop, shot, tmp_path) -> None:
    page = laptop
    user = make_user(password="pw-Test-2026")
    batch = _plant(user)
    sign_in(page, live_server, user)
    page.goto(live_server.url + f"/ckts/refunds/batch/{batch.pk}/")
    page.fill("#id_received_on", "2026-04-20")
    page.fill("#id_amount", "30000.00")
    page.fill("#id_summary", "国库退库 出口退税")
    page.click("#btn-received")
    expect(page.locator("#received-rows")).to_contain_text("30000.00")

    bad = tmp_path / "错误流水.csv"
    bad.write_text("日期,金额,摘要\n2026-04-28,1000,退税\n2026-04-31,200,坏日期\n", "utf-8-sig")
    page.set_input_files("#statement-form input[type=file]", str(bad))
    page.click("#btn-statement")
    expect(page.locator("#statement-form")).to_contain_text("第3行：日期“2026-04-31”格式不正确")
    expect(page.locator("#received-rows tbody tr")).to_have_count(1)
    shot("refunds-01-statement-refused")

    good = tmp_path / "银行流水.csv"
    good.write_text('日期,金额,摘要\n2026-04-28,"31,200.50",出口退税 202502\n', "utf-8-sig")
    page.set_input_files("#statement-form input[type=file]", str(good))
    page.click("#btn-statement")
    expect(page.locator("#batch-refund .received")).to_have_text("61200.50")
    expect(page.locator("#batch-refund .gap")).to_have_text("2699.50")
    expect(page.locator("#batch-refund .gap-reason")).to_have_text(f"审核调整-2699.50：{REASON}")
    shot("refunds-02-batch")

    page.goto(live_server.url + "/ckts/refunds/")
    later = page.locator("#refund-tracking tbody tr").nth(1)
    expect(later.locator(".gap-reason")).to_have_text("待审核，未到账40000.00")
    expect(page.locator(".total-gap")).to_have_text("42699.50")
    shot("refunds-03-tracking")
