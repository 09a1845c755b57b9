"""Messages in an English browser at 1366×768: never the browser's English bubbles, dates as
yyyy-mm-dd, yellow only where the manual requires, grey 返填 rates, stale errors cleared, and a
Chinese notice when a button needs ticked rows."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rebate.accounts.tests.factories import make_user
from rebate.customs.tests.factories import make_declaration

from .conftest import browser_page
from .test_goods import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
YELLOW, WHITE, GREY = "rgb(255, 247, 194)", "rgb(255, 255, 255)", "rgb(233, 236, 239)"


@pytest.fixture
def english(browser):
    """A browser whose language is English: its own bubbles would be English."""
    with browser_page(browser, locale="en-US", height=768) as page:
        yield page


def background(page, selector: str) -> str:
    return page.locator(selector).evaluate("e => getComputedStyle(e).backgroundColor")


def english_bubbles(page) -> list[str]:
    """Every field's pending browser message (what its bubble would say)."""
    return page.evaluate(
        "() => [...document.querySelectorAll('input, select, textarea')]"
        ".map(e => e.validationMessage).filter(m => m)"
    )


def test_new_export_line_speaks_chinese_only(live_server, english, shot) -> None:
    page = english
    sign_in(page, live_server, make_user(password="pw-Test-2026"))
    page.goto(live_server.url + reverse("goods:exportline_add"))

    date = page.locator("#id_export_date")
    assert date.get_attribute("type") == "text"
    assert date.get_attribute("placeholder") == "yyyy-mm-dd"
    assert background(page, "#id_domestic_free_materials") == WHITE  # optional: 不填为0
    for name in ("levy_rate", "rebate_rate"):  # 返填 from the rate library: grey, read-only
        assert background(page, f"#id_{name}") == GREY
        assert not page.locator(f"#id_{name}").is_editable()
    assert background(page, "#id_item_key") == YELLOW

    page.fill("#id_quantity", "-1")
    page.fill("#id_export_date", "2026-03-05")
    assert english_bubbles(page) == []
    page.click("#btn-save")  # no bubble stops it: the server answers in Chinese
    page.wait_for_selector('.conv-error[data-for="item_key"]:has-text("为必填项")')
    assert english_bubbles(page) == []
    assert page.locator('.conv-error[data-for="export_date"]').inner_text() == ""
    assert page.locator("#id_export_date").input_value() == "2026-03-05"
    shot("messages-01-server-errors-in-chinese", page)

    page.fill("#id_item_key", "530420260000000123001")  # the stale message goes at once
    expect(page.locator('.conv-error[data-for="item_key"]')).to_have_text("")
    assert "has-error" not in (
        page.locator("#id_item_key").locator("xpath=ancestor::div[contains(@class,'conv-row')]")
    ).get_attribute("class")
    shot("messages-02-stale-error-cleared", page)


def test_download_dialog_colours_follow_the_mode(live_server, english, shot) -> None:
    page = english
    user = make_user(password="pw-Test-2026")
    make_declaration(user.enterprise)
    sign_in(page, live_server, user)
    page.goto(live_server.url + reverse("customs:declarations"))

    page.click("#btn-invoice-edit")  # nothing ticked: a notice, not silence
    expect(page.locator("#page-notice")).to_have_text("请先勾选报关单")
    shot("messages-03-nothing-ticked", page)

    page.click("#btn-download")
    page.wait_for_selector("#dlg_date_from")
    assert background(page, "#dlg_date_from") == YELLOW
    assert background(page, "#dlg_date_to") == YELLOW
    assert background(page, "#dlg_entry_id") == WHITE
    assert page.locator("#dlg_date_from").get_attribute("placeholder") == "yyyy-mm-dd"
    shot("messages-04-download-by-date", page)

    page.select_option("#dlg_mode", "entry")
    assert background(page, "#dlg_entry_id") == YELLOW
    assert background(page, "#dlg_date_from") == WHITE
    assert page.locator('label[for="dlg_entry_id"] .req').count() == 1
    assert page.locator('label[for="dlg_date_from"] .req').count() == 0
    page.fill("#dlg_entry_id", "53042026000000012")  # 17 digits
    page.click("#btn-download-start")
    error = page.locator('#dialog .conv-error[data-for="entry_id"]')
    expect(error).to_have_text("报关单号应为18位数字")
    assert english_bubbles(page) == []
    shot("messages-05-download-by-number", page)


def test_bulk_edit_with_nothing_ticked_says_so(live_server, english, shot) -> None:
    page = english
    sign_in(page, live_server, make_user(password="pw-Test-2026"))
    page.goto(live_server.url + reverse("goods:exportline_list"))
    page.click("#btn-bulk-edit")
    expect(page.locator("#page-notice")).to_have_text("请先勾选要修改的记录")
    assert page.url.endswith(reverse("goods:exportline_list"))
    shot("messages-06-bulk-edit-nothing-ticked", page)
