"""The IC card in the browser (issues 13, 14): 插卡 with the PIN, binding, 卡介质 sign-in, the
header badge across tabs, a wrong PIN and a pulled card refused with the manual's messages, and
a 申报 whose package the browser signed, accepted by the simulated bureau.

The card's key exists only in chromium (WebCrypto, non-extractable): this process never reads
the key file's private part. Screenshots: test-output/e2e/card-*.png.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from rebate.accounts.cardauth import NOT_INSERTED, WRONG_PIN
from rebate.accounts.models import Card, SignInEvent
from rebate.accounts.services import card_bind
from rebate.declarations.models import DeclarationBatch
from tests.e2e.declaring import modal_ok, open_generate, self_check_and_refresh
from tests.integration.conftest import CARD_NO, CARD_PIN, issue_card_file, seed_world
from tests.integration.test_full_chain import PERIOD, collect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-Test-2026"


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = seed_world(PASSWORD)
    Card.objects.filter(user=world.clerk).delete()  # the clerk binds a card in the browser
    return world


def password_sign_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_captcha_1", "PASSED")
    page.click("#login-submit")
    page.wait_for_url("**/ckts/")


def card_frame(page):
    """The IC卡/Ikey page, opened from the header badge as a tab of the shell."""
    page.click("#card-status")
    frame = page.frame_locator("#panes iframe[src*='/accounts/card/']")
    frame.locator("#card-reader").wait_for()
    return frame


def insert(frame, card_file, pin):
    frame.locator("#card-file").set_input_files(str(card_file))
    frame.locator("#card-pin").fill(pin)
    frame.locator("#card-insert").click()


def test_insert_bind_and_sign_in_with_the_card(live_server, page, shot, world, tmp_path):
    base = live_server.url
    card_file = issue_card_file(tmp_path / f"{CARD_NO}.json")
    password_sign_in(page, base, world.clerk.username)
    assert page.locator("#card-status").inner_text().strip() == "未插卡"

    frame = card_frame(page)
    insert(frame, card_file, "00000000")
    error = frame.locator("#card-insert-error")
    error.wait_for()
    assert error.inner_text() == WRONG_PIN
    assert frame.locator("#connected-card").inner_text() == "未插卡"
    shot("card-01-wrong-pin")

    insert(frame, card_file, CARD_PIN)
    frame.locator("#bind-card").wait_for()
    assert frame.locator("#connected-card").inner_text() == f"已插卡 {CARD_NO}"
    # The shell's header heard it from the tab (BroadcastChannel).
    expect(page.locator("#card-status")).to_have_text(f"已插卡 {CARD_NO}")
    shot("card-02-inserted")
    frame.locator("#bind-card").click()
    frame.locator(".alert-success", has_text=f"已绑定IC卡 {CARD_NO}").wait_for()
    assert Card.objects.get(user=world.clerk).card_no == CARD_NO
    shot("card-03-bound")

    page.reload()  # the card stays inserted across pages and tabs
    assert page.locator("#card-status").inner_text().strip() == f"已插卡 {CARD_NO}"

    page.click("#logout")  # 退出 pulls the card: it was imported for the session
    page.wait_for_load_state("networkidle")
    page.goto(base + "/accounts/login/card/")
    assert page.locator("[data-card-badge]").inner_text() == "未插卡"
    assert CARD_NO not in page.content()  # nothing about any card is shown to a visitor
    page.set_input_files("#card-file", str(card_file))
    page.fill("#card-pin", "11111111")
    page.click("#card-login-submit")
    page.locator("#card-login-error", has_text=WRONG_PIN).wait_for()
    assert SignInEvent.objects.filter(user=world.clerk, method="card", success=False).count() == 1
    shot("card-04-login-wrong-pin")

    page.set_input_files("#card-file", str(card_file))
    page.fill("#card-pin", CARD_PIN)
    page.click("#card-login-submit")
    page.wait_for_url("**/ckts/")
    assert page.locator("#card-status").inner_text().strip() == f"已插卡 {CARD_NO}"
    assert SignInEvent.objects.filter(user=world.clerk, method="card", success=True).count() == 1
    shot("card-05-signed-in-with-card")


def test_a_pulled_card_is_refused_and_a_package_signed_in_the_browser_is_accepted(
    live_server, page, shot, world, tmp_path
):
    base = live_server.url
    card_file = issue_card_file(tmp_path / f"{CARD_NO}.json")
    card_bind(user=world.clerk, card_no=CARD_NO, signed=None)  # bound earlier at the counter
    collect(world, PERIOD, date(2026, 9, 1), date(2026, 9, 30))
    password_sign_in(page, base, world.clerk.username)  # signed in, but no card inserted
    open_generate(page, base)
    # 数据一致性检查 is skipped: its 不可跳过 problems would refuse 生成汇总数据 (test_full_chain).
    modal_ok(page, "#btn-summary", "#dlg-summary", vat_transfer_out="0.00", ending_credit="")
    modal_ok(page, "#btn-generate", "#dlg-package")
    refusal = page.locator(".alert-danger", has_text=NOT_INSERTED)
    refusal.wait_for()
    assert not DeclarationBatch.objects.exists()
    shot("card-06-no-card-refused")
    refusal.locator("#card-step-link").click()  # the message leads to the card step

    page.locator("#card-reader").wait_for()
    page.set_input_files("#card-file", str(card_file))
    page.fill("#card-pin", CARD_PIN)
    page.click("#card-insert")
    page.locator("#card-eject").wait_for()
    open_generate(page, base)
    modal_ok(page, "#btn-generate", "#dlg-package")
    page.locator(".alert-success", has_text=f"已使用IC卡 {CARD_NO} 签名").wait_for()
    batch = DeclarationBatch.objects.get()
    assert batch.status == "generated" and batch.card_no == CARD_NO
    shot("card-07-signed-in-the-browser", page.locator("#tab-upload"))

    page.goto(base + "/accounts/card/")
    page.click("#card-eject")  # 拔卡
    page.locator("#card-insert").wait_for()
    open_generate(page, base)
    page.locator('#batches input[name="batch"]').first.check()
    page.click("#btn-self-check")  # the card's JS signs (or not) before the form is sent
    page.locator(".alert-danger", has_text=NOT_INSERTED).wait_for()
    batch.refresh_from_db()
    assert batch.status == "generated"  # nothing was sent to the bureau
    shot("card-08-pulled-card-refused")

    page.goto(base + "/accounts/card/")
    page.set_input_files("#card-file", str(card_file))
    page.fill("#card-pin", CARD_PIN)
    page.click("#card-insert")
    page.locator("#card-eject").wait_for()
    open_generate(page, base)
    page.locator('#batches input[name="batch"]').first.check()
    self_check_and_refresh(page)
    batch.refresh_from_db()
    # The bureau verified the browser's signature against the e-port's key, then self-checked.
    assert batch.status in ("checked", "blocked"), batch.status
    assert batch.receipt_no
    shot("card-09-accepted-by-the-bureau", page.locator("#tab-upload"))
