"""出口货物明细采集 in the browser: 新建 → list → 批量导出 → import a template with one bad row."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from rebate.accounts.tests.factories import make_user
from rebate.codes.tests.factories import make_library_entry
from rebate.goods.models import ExportLine

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LIST = "/ckts/goods/exportline/"


def sign_in(page, live_server, user) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-Test-2026")
    page.fill("#id_captcha_1", "PASSED")
    page.click("#login-submit")
    page.wait_for_url("**/ckts/**")


def test_new_line_list_export_and_bad_import(live_server, page, shot, tmp_path) -> None:
    user = make_user(password="pw-Test-2026")
    make_library_entry("8501109990")  # 征 0.13, 退 0.09 on the 出口日期
    sign_in(page, live_server, user)
    page.goto(live_server.url + LIST)
    page.click("#btn-add")
    values = {
        "period": "202603", "item_key": "530420260000000123001", "export_date": "2026-03-05",
        "commodity_code": "8501109990", "commodity_name": "微电机", "unit": "台",
        "quantity": "100", "fob_usd": "1000.00", "fob_cny": "7100.00",
    }  # fmt: skip
    for name, value in values.items():
        page.fill(f"#id_{name}", value)
    shot("goods-01-new-line")
    page.click("#btn-save")
    page.wait_for_url("**/exportline/*/")
    # 征税率 and 退税率 are 返填 from the library on the 出口日期
    assert page.locator("#id_rebate_rate").input_value() == "0.090000"
    assert page.locator("#id_exempt_credit_refund").input_value() == "639.00"  # rebate.calc

    page.goto(live_server.url + LIST)
    assert page.locator("tr[data-pk]").count() == 1
    assert "530420260000000123001" in page.locator("tr[data-pk]").first.inner_text()
    shot("goods-02-list")
    with page.expect_download() as download:
        page.click("#btn-export")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet.max_row == 2 and "出口报关单号" in [c.value for c in sheet[1]]

    page.click("#btn-import")
    with page.expect_download() as template:
        page.click("#btn-template")
    header = [
        c.value for c in load_workbook(io.BytesIO(template.value.path().read_bytes())).active[1]
    ]
    workbook = Workbook()
    rows = workbook.active
    rows.append(header)
    good = {"所属期": "202603", "出口报关单号": "530420260000000124001", "出口日期": "2026-03-06",
            "出口商品代码": "8501109990", "申报海关商品名称": "微电机", "计量单位": "台",
            "出口数量": 5, "出口销售额（美元）": 50, "出口销售额（人民币）": 355, "征税率": 0.13,
            "退税率": 0.13}  # fmt: skip
    rows.append([good.get(h) for h in header])
    rows.append([{**good, "出口报关单号": "12345"}.get(h) for h in header])
    path = tmp_path / "import.xlsx"
    workbook.save(path)
    page.set_input_files("#import-file", str(path))
    page.click("#btn-upload")
    errors = page.locator("table.import-errors")
    assert "第3行" in errors.inner_text() and "出口报关单号" in errors.inner_text()
    assert "没有导入任何记录" in page.locator(".import-errors-note").inner_text()
    shot("goods-03-import-errors")
    assert ExportLine.objects.count() == 1
