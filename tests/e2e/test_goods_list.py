"""出口货物明细采集 at 1366×768 (issue 14 point 7): filter by 监管方式, sort, 批量修改, open a line
and delete it — and each time the list comes back filtered and sorted as the clerk left it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rebate.accounts.tests.factories import make_user
from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line
from tests.e2e.test_goods import sign_in
from tests.e2e.test_shell import open_function
from tests.e2e.test_shell_tabs import active_frame

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def column(frame, header: str) -> list[str]:
    """The texts of one column of the record table, top to bottom — once the frame has drawn the
    column (a 页签 frame just opened may not have its table yet)."""
    frame.locator("table.record-table thead th", has_text=header).first.wait_for()
    headers = frame.locator("table.record-table thead th").all_inner_texts()
    index = [h.strip() for h in headers].index(header) + 1
    return frame.locator(f"table.record-table tbody tr td:nth-child({index})").all_inner_texts()


def shown(frame) -> set[int]:
    rows = frame.locator("table.record-table tbody tr[data-pk]")
    return {int(pk) for pk in rows.evaluate_all("rows => rows.map(r => r.dataset.pk)")}


def test_filter_by_trade_mode_and_bulk_edit_keeps_the_list(live_server, laptop, shot) -> None:
    page = laptop
    user = make_user(password="pw-Test-2026")
    processing = {
        make_export_line(user.enterprise, trade_mode="0615", fob_usd=Decimal(usd)).pk
        for usd in ("300.00", "100.00", "200.00")
    }
    for _ in range(2):
        make_export_line(user.enterprise, trade_mode="0110")
    sign_in(page, live_server, user)
    open_function(page, "退税申报", "货物采集", "出口货物明细采集")
    frame = active_frame(page)
    frame.fill("#id_trade_mode", "0615")
    frame.click("#btn-query")
    frame.wait_for_url("**trade_mode=0615**")
    assert shown(frame) == processing
    frame.click("table.record-table thead th a:text-is('出口销售额（美元）')")
    frame.wait_for_url("**sort=fob_usd**")
    assert column(frame, "出口销售额（美元）") == ["100.00", "200.00", "300.00"]
    shot("goods-ui-01-filtered-sorted")

    boxes = frame.locator('table.record-table tbody input[name="pk"]')
    boxes.nth(0).check()
    boxes.nth(1).check()
    frame.click("#btn-bulk-edit")
    frame.wait_for_selector("#bulk-form")
    frame.fill("#id_note", "已核对")
    frame.click("#btn-bulk-save")
    frame.wait_for_selector(".alert-success")
    assert "共修改2条记录" in frame.locator(".alert-success").inner_text()
    assert frame.locator("#id_trade_mode").input_value() == "0615"
    assert column(frame, "出口销售额（美元）") == ["100.00", "200.00", "300.00"]
    assert "sort=fob_usd" in frame.url and shown(frame) == processing
    shot("goods-ui-02-after-bulk-edit")
    changed = ExportLine.objects.filter(note="已核对")
    assert sorted(line.fob_usd for line in changed) == [Decimal("100.00"), Decimal("200.00")]

    frame.locator("table.record-table tbody tr").first.dblclick()  # the 100.00 line
    frame.wait_for_selector("#btn-delete")
    frame.click("#btn-delete")
    frame.click("#btn-confirm-delete")
    frame.wait_for_selector(".alert-success:has-text('删除成功')")
    assert frame.locator("#id_trade_mode").input_value() == "0615"
    assert column(frame, "出口销售额（美元）") == ["200.00", "300.00"]
    shot("goods-ui-03-after-delete")
