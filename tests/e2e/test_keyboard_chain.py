"""The main 免抵退 chain by keyboard alone (issue 23, WCAG 2.1.1): Tab, Shift+Tab, Enter, Space
and typing, no mouse click. 卡介质 login → the 菜单栏 opens 报关单采集 → 全选 → 生成退税 →
出口货物明细采集 opens a line → 数据一致性检查 → 生成汇总数据 → 生成申报数据 (the card signs) →
数据自检 → 自检状态查询 → 确认申报. The sim is seeded without planted doubts so that the batch
self-checks clean; the period's VAT return is on file and the manual's 计划分配率 declared.
Screenshots: test-output/e2e/keyboard-*.png.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from rebate.customs import services as customs
from rebate.customs.models import Declaration
from rebate.declarations.models import DeclarationBatch
from rebate.goods.models import ExportLine
from tests.e2e.declaring import file_vat_return
from tests.e2e.keyboard import focused, press_on, tab_to
from tests.e2e.settled import modal_shown
from tests.integration.conftest import CARD_PIN, CODE, seed_world
from tests.integration.test_full_chain import PERIOD, invoice, planned_rate_on_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
FRAME = ".pane:not([hidden]) iframe"


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = seed_world(card_file=tmp_path / "card.json", anomalies="0")
    world.card_file = tmp_path / "card.json"
    return world


def downloaded_and_checked(world) -> None:
    """信息下载 of the period's 报关单, their 出口发票号 and 数据检查 (services: the
    keyboard part starts at 生成退税)."""
    e, clerk = world.enterprise, world.clerk
    first, last = date(2026, 9, 1), date(2026, 9, 30)
    customs.declarations_download(enterprise=e, actor=clerk, date_from=first, date_to=last)
    ids = list(Declaration.objects.filter(enterprise=e, ie_date__range=(first, last))
               .values_list("pk", flat=True))  # fmt: skip
    invoice(world, ids)
    customs.declarations_check(enterprise=e, actor=clerk, declaration_ids=ids)


def card_login(page, base, card_file) -> None:
    page.goto(base + "/accounts/login/card/")
    page.wait_for_load_state("networkidle")  # card.js has set up the reader
    for key in ("Space", "Enter"):  # either opens a focused file input's chooser
        tab_to(page, "#card-file")
        try:
            with page.expect_file_chooser(timeout=5_000) as chooser:
                page.keyboard.press(key)
            break
        except PlaywrightTimeout:
            continue
    chooser.value.set_files(str(card_file))
    tab_to(page, "#card-pin")
    page.keyboard.type(CARD_PIN)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form from its PIN field
    page.wait_for_url("**/ckts/")


def open_by_menu(page, *keys: str) -> None:
    """Expand each menu group by Enter, then Enter on the leaf: it opens as a 页签."""
    *groups, leaf = keys
    for key in groups:
        press_on(page, f'#menubar .menu-group-toggle[data-key="{key}"]')
    press_on(page, f'#menubar .menu-link[data-key="{leaf}"]')
    page.frame_locator(FRAME).locator("body").wait_for()


def modal_by_keys(page, button: str, dialog: str, **fields: str) -> None:
    """Enter on the step's button, type each field (Tab to it), Enter on 确定, and wait for
    the next page (card.js may sign before the form is sent)."""
    press_on(page, button)
    modal_shown(page, dialog)
    for name, value in fields.items():
        tab_to(page, f'{dialog} [name="{name}"]')
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
    with page.expect_navigation(timeout=60_000):
        press_on(page, f"{dialog}-ok")
    page.wait_for_load_state("networkidle")


def test_main_chain_by_keyboard(live_server, laptop, shot, world) -> None:
    page, base = laptop, live_server.url
    planned_rate_on_file(world)
    downloaded_and_checked(world)
    file_vat_return(CODE, PERIOD)

    card_login(page, base, world.card_file)
    shot("keyboard-01-signed-in")
    open_by_menu(page, "dc", "dc-bgd", "dc-bgd-cj")
    frame = page.frame_locator(FRAME)
    frame.locator("#declaration-table tbody tr[data-pk]").first.wait_for()
    press_on(page, "input.select-all", "Space")
    press_on(page, "#btn-generate")
    frame.locator("#generate-form").wait_for()
    modal_shown(page.locator(FRAME).element_handle().content_frame(), "#dialog")
    tab_to(page, "#dlg_period")
    page.keyboard.type(PERIOD)
    shot("keyboard-02-generate")
    press_on(page, "#btn-generate-ok")
    frame.locator(".result-success").wait_for(timeout=60_000)
    lines = ExportLine.objects.filter(enterprise=world.enterprise, period=PERIOD)
    assert lines.exists()
    shot("keyboard-03-generated")
    assert focused(page).startswith("button#btn-message-ok")  # the answer's 确定 has the focus
    with page.expect_event("framenavigated"):
        page.keyboard.press("Enter")  # closes the dialog; the list reloads with 已生成
    frame.locator("#declaration-table td", has_text="已生成").first.wait_for()

    page.goto(base + reverse("goods:exportline_list"))
    press_on(page, "tr[data-detail]")  # Enter opens the line as a double-click does
    page.wait_for_selector("#id_fob_usd")
    shot("keyboard-04-line")

    page.goto(f"{base}/ckts/mdt/generate/?period={PERIOD}")
    modal_by_keys(page, "#btn-consistency", "#dlg-check")
    assert page.locator("#consistency-issues td:text-is('不可跳过')").count() == 0
    modal_by_keys(page, "#btn-summary", "#dlg-summary", vat_transfer_out="0.00")
    assert page.locator("#summary-table tbody tr").count() == 19
    press_on(page, "#btn-generate")
    modal_shown(page, "#dlg-package")
    press_on(page, "#dlg-package-ok")
    page.locator(".alert-success", has_text="已使用IC卡 CK4403960001 签名").wait_for(timeout=60_000)
    shot("keyboard-05-signed")

    page.goto(f"{base}/ckts/mdt/generate/?period={PERIOD}")
    press_on(page, '#batches input[name="batch"]', "Space")
    press_on(page, "#btn-self-check")
    page.locator(".alert-success", has_text="已上传自检").wait_for()
    press_on(page, "#btn-refresh")
    page.locator(".alert-info", has_text="自检状态已刷新").wait_for()
    status = page.locator("#batches tbody tr").first.locator(".batch-status")
    assert status.inner_text() == "自检完成", page.locator("#batches").inner_text()
    press_on(page, ".btn-confirm")
    modal_shown(page, ".dlg-confirm.show")
    press_on(page, ".dlg-confirm.show .btn-confirm-ok")
    page.locator(".alert-success", has_text="已确认申报").wait_for()
    shot("keyboard-06-declared")
    batch = DeclarationBatch.objects.get(enterprise=world.enterprise, period=PERIOD)
    assert batch.status in ("declared", "passed")
