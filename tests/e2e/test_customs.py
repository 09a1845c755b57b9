"""报关单采集 end to end: 信息下载 by date range → 数据检查 → fix one problem in place →
生成退税 → the lines appear in 出口明细 and in 出口货物明细采集 (SPEC DC-01…DC-12, TS-01)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.codes.models import ExchangeRate
from rebate.customs.models import Declaration
from rebate.goods.models import ExportLine
from rebate.integrations.testing import onboard, onboard_rates

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-Test-2026")
    page.fill("#id_captcha_1", "PASSED")
    page.click("#login-submit")
    page.wait_for_url("**/ckts/")


def close_dialog_and_reload(page) -> None:
    with page.expect_navigation():
        page.click("#dialog .btn-close")
    page.wait_for_selector("#declaration-table")


def march_at_customs():
    """A clerk whose enterprise exported in March 2026 at the simulated customs (as make run)."""
    user = make_user()
    code = user.enterprise.customs_code
    call_command("load_reference_data", verbosity=0)
    onboard_rates()
    call_command("download_exchange_rates", "--from", "2026-03-01", "--to", "2026-03-31",
                 verbosity=0)  # fmt: skip
    call_command("sim_seed", "--enterprise", code, "--months", "1", "--scale", "small",
                 "--anomalies", "0", "--until", "2026-04-01")  # fmt: skip
    onboard(code)
    return user


def test_download_check_fix_generate(live_server, page, shot) -> None:
    user = march_at_customs()
    sign_in(page, live_server, user)
    page.goto(live_server.url + reverse("customs:declarations"))

    # 信息下载 by 出口日期 range: a background job with a progress bar and a summary.
    page.click("#btn-download")
    page.fill("#dlg_date_from", "2026-03-01")
    page.fill("#dlg_date_to", "2026-03-31")
    page.click("#btn-download-start")
    page.wait_for_selector('.job-progress[data-status="succeeded"]', timeout=60000)
    assert "新增" in page.inner_text(".job-summary")
    # The bar's width comes from data-percent through web/base.js (the CSP refuses style=).
    bar = page.locator(".job-progress .progress-bar")
    assert bar.get_attribute("data-percent") == "100"
    assert bar.evaluate("b => b.getBoundingClientRect().width / b.parentElement.clientWidth") > 0.99
    assert "正在保存" not in page.inner_text(".job-progress")
    shot("customs-01-downloaded")
    close_dialog_and_reload(page)
    stored = Declaration.objects.filter(enterprise=user.enterprise)
    assert stored.count() > 0

    # Make one problem: the USD rate of the first listed declaration's export day is missing.
    first_row = page.locator("#declaration-table tbody tr[data-pk]").first
    first = stored.get(pk=int(first_row.get_attribute("data-pk")))
    ExchangeRate.objects.filter(currency="USD", on_date=first.ie_date).delete()

    first_row.click()  # 商品信息 of the clicked declaration
    page.wait_for_selector("#item-table tbody tr[data-detail]")
    page.locator("#item-table tbody tr[data-detail]").first.dblclick()
    page.wait_for_selector(".item-detail")
    assert "法定第一数量" in page.inner_text(".item-detail")
    page.click("#dialog .btn-close")
    page.wait_for_selector("#dialog", state="hidden")

    # 数据检查 of the first declaration: the missing rate is listed and fixed in place.
    page.locator('#selection-form input[name="pk"]').first.check()
    page.click("#btn-check")
    problem = page.locator(".problem", has_text=f"缺少USD在{first.ie_date.isoformat()}的汇率")
    problem.wait_for()
    shot("customs-02-check-problem")
    problem.locator('input[name="rate"]').fill("7.1")
    problem.locator("button", has_text="配置汇率").click()
    page.wait_for_selector(".check-summary:has-text('通过1张')")
    shot("customs-03-check-fixed")
    close_dialog_and_reload(page)

    # 生成退税: 所属期 and 出口发票号 are required (yellow); 确定 generates the lines of the
    # checked declaration and lists the unchecked one ticked with it instead of refusing both.
    boxes = page.locator('#selection-form input[name="pk"]')
    boxes.first.check()
    boxes.nth(1).check()
    unchecked = stored.get(pk=int(boxes.nth(1).get_attribute("value")))
    page.click("#btn-generate")
    page.wait_for_selector("#generate-form")
    assert "fld-required" in (page.get_attribute("#dlg_period", "class") or "")
    page.fill("#dlg_period", first.ie_date.strftime("%Y%m"))
    page.fill("#dlg_invoice_no", "26442000000000000001")
    shot("customs-04-generate-dialog")
    page.click("#btn-generate-ok")
    try:
        page.wait_for_selector(".result-success")
    finally:
        shot("customs-04b-generate-result")
    assert "1张报关单未生成" in page.inner_text(".result-success")
    assert f"报关单{unchecked.entry_id}尚未进行数据检查" in page.inner_text(".result-errors")
    close_dialog_and_reload(page)
    row = page.locator(f'#declaration-table tr[data-pk="{first.pk}"]')
    assert "已生成" in row.inner_text()
    row.click()
    item_key = f"{first.entry_id}001"
    page.wait_for_selector(f"#lines-pane td:has-text('{item_key}')")
    shot("customs-05-generated")

    # The lines are in 出口货物明细采集, at the enterprise's rates, customs' own figures beside.
    page.goto(live_server.url + reverse("goods:exportline_list"))
    assert item_key in page.content()
    headers = page.locator("table thead").inner_text()
    assert "海关美元离岸价" in headers and "海关人民币离岸价" in headers
    shot("customs-06-export-lines")
    line = ExportLine.objects.get(enterprise=user.enterprise, item_key=item_key)
    usd = ExchangeRate.objects.get(currency="USD", on_date=first.ie_date).rate
    assert line.usd_rate == usd and line.customs_fob_cny is not None
    page.goto(live_server.url + reverse("goods:exportline_detail", args=[line.pk]))
    for name, value in (
        ("fob_cny", line.fob_cny), ("customs_fob_cny", line.customs_fob_cny),
        ("fob_usd", line.fob_usd), ("customs_fob_usd", line.customs_fob_usd),
        ("usd_rate", line.usd_rate), ("transaction_fob", line.transaction_fob),
    ):  # fmt: skip
        assert page.input_value(f"#id_{name}").replace(",", "") == f"{value}", name
    assert page.is_disabled("#id_customs_fob_cny")
    shot("customs-07-line-detail")
