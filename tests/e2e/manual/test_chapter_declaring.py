"""第四篇 第二章 2.2 退税申报 (SPEC §5) as the manual tells it, at 1366×768, on `make run`'s demo
enterprise (its September 2026 报关单 collected): 出口货物明细 新建 / 批量导出 / 批量修改, then
数据一致性检查 → 生成汇总数据 (refused while 不可跳过 problems stand, summarised by code) → the fix
→ 生成申报数据 (the card signs) → 数据自检 → 自检状态查询 → 疑点反馈 → 确认申报, and 冲减出口 of a
declared line. Every step finds its control by the label docs/SPEC.md gives it (spec_step);
screenshots: test-output/manual/05/.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from rebate.accounts.demo import DEMO_CARD_NO, DEMO_CARD_PIN
from rebate.accounts.models import User
from rebate.customs import services as customs
from rebate.customs.models import Declaration
from rebate.goods.models import ExportLine
from tests.e2e.declaring import modal_submit
from tests.e2e.manual.steps import SHOTS, spec_step
from tests.e2e.test_declarations import card_sign_in
from tests.e2e.tour import bootstrap_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PERIOD, NEXT = "202609", "202610"
FIRST, LAST = date(2026, 9, 1), date(2026, 9, 11)
NO_EINFO = "530120260007964042"  # sim_seed's planted 报关单 whose e-info the bureau lacks
LINES = "/ckts/goods/exportline/"
GENERATE = f"/ckts/mdt/generate/?period={PERIOD}"


@pytest.fixture
def demo(settings, tmp_path):
    """make run's world; the month's 报关单 downloaded, checked and generated (第二章 2.1)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    demo = bootstrap_demo()
    clerk = User.objects.filter(enterprise=demo.enterprise).order_by("pk").first()
    e = demo.enterprise
    customs.declarations_download(enterprise=e, actor=clerk, date_from=FIRST, date_to=LAST)
    ids = list(Declaration.objects.filter(enterprise=e).values_list("pk", flat=True))
    customs.declarations_check(enterprise=e, actor=clerk, declaration_ids=ids)
    passed = Declaration.objects.filter(pk__in=ids, check_status="passed")
    customs.declarations_generate(
        enterprise=e, actor=clerk, period=PERIOD, invoice_no="26442000000000009001",
        declaration_ids=list(passed.values_list("pk", flat=True)),
    )  # fmt: skip
    return demo


def tick_all(page) -> int:
    boxes = page.locator('table.record-table tbody input[name="pk"]').all()
    for box in boxes:
        box.check()
    return len(boxes)


def bulk_edit(page, **values):
    """批量修改 of the ticked lines (TS-04)."""

    def act(button) -> None:
        button.click()
        page.wait_for_selector("#bulk-form")
        for field, value in values.items():
            page.fill(f"#id_{field}", value)
        page.click("#btn-bulk-save")
        page.wait_for_selector(".alert-success")

    return act


def test_chapter_rebate_declaration(live_server, laptop, demo, tmp_path) -> None:
    page, base = laptop, live_server.url
    card_sign_in(page, base, demo.card_file, pin=DEMO_CARD_PIN)
    page.wait_for_url("**/ckts/")
    lines = ExportLine.objects.filter(enterprise=demo.enterprise)
    collected = lines.filter(period=PERIOD).count()
    assert collected > 20

    # TS-02 新建: a line typed by hand (a paper 报关单), for the next 所属期.
    page.goto(base + LINES)
    first = lines.order_by("item_key").first()
    manual = "530120260007999999001"

    def new_line(button) -> None:
        button.click()
        page.wait_for_selector("#btn-save")
        for name in ("commodity_code", "commodity_name", "unit"):  # goods it exports
            page.fill(f"#id_{name}", getattr(first, name))
        typed = {"period": NEXT, "item_key": manual, "export_date": "2026-09-02", "quantity": "10",
                 "fob_usd": "100.00", "fob_cny": "710.00", "trade_mode": "0110"}  # fmt: skip
        for name, value in typed.items():
            page.fill(f"#id_{name}", value)
        page.click("#btn-save")
        page.wait_for_selector(".alert-success")

    spec_step(
        page,
        "TS-02",
        new_line,
        role="link",
        check=lambda: lines.filter(item_key=manual, period=NEXT).exists(),
    )

    # TS-03 批量导出 of the filtered list (监管方式 0110).
    page.goto(base + LINES + "?trade_mode=0110")
    exported = tmp_path / "明细.xlsx"

    def export(button) -> None:
        with page.expect_download() as got:
            button.click()
        got.value.save_as(exported)

    def all_listed() -> None:
        sheet = load_workbook(exported).active
        assert sheet.max_row - 1 == lines.filter(trade_mode="0110").count()

    spec_step(page, "TS-03", export, role="button", check=all_listed)

    # TS-19 数据一致性检查: the 进料加工 lines lack the 计划分配率 (不可跳过).
    page.goto(base + GENERATE)

    def blocking_codes() -> set[str]:
        rows = page.locator("#consistency-issues tbody tr")
        return set(rows.evaluate_all("rows => rows.map(r => r.dataset.code)"))

    spec_step(
        page,
        "TS-19",
        lambda b: (b.click(), modal_submit(page, "#dlg-check")),
        role="button",
        check=lambda: "MDT_JLJG_BDG_NOFPLV" in blocking_codes(),
    )
    processing = lines.filter(period=PERIOD, trade_mode__in=("0615", "0715"))
    assert processing.count() > 3

    # 生成汇总数据 is refused: the refusal sums the problems up by code and links their list.
    page.click("#btn-summary")
    modal_submit(page, "#dlg-summary", vat_transfer_out="0.00", ending_credit="")
    refusal = page.locator(".alert-danger", has_text="不可跳过的问题，不能生成汇总数据")
    text = refusal.inner_text()
    assert f"MDT_JLJG_BDG_NOFPLV（{processing.count()}条）" in text and "未填写计划分配率" in text
    assert text.count("监管方式为进料加工") == 1  # one row for the code, not one per line
    page.screenshot(path=str(SHOTS / "05" / "TS-20-refused.png"))
    refusal.locator("#consistency-link").click()
    page.wait_for_url("**#consistency-result")
    page.screenshot(path=str(SHOTS / "05" / "TS-20-refused-list.png"))

    # TS-04 批量修改: the 进料加工 lines get the 计划分配率 on file; the 报关单 whose e-info the
    # bureau lacks waits for the next 所属期.
    page.goto(base + LINES + f"?period={PERIOD}&trade_mode=0615")
    edited = tick_all(page)
    spec_step(
        page,
        "TS-04",
        bulk_edit(page, allocation_rate="0.650000"),
        role="button",
        check=lambda: f"共修改{edited}条记录" in page.inner_text(".alert-success"),
    )
    assert "trade_mode=0615" in page.url  # the list comes back as it was left
    page.goto(base + LINES + f"?period={PERIOD}&trade_mode=0715")
    if tick_all(page):
        bulk_edit(page, allocation_rate="0.650000")(page.locator("#btn-bulk-edit"))
    assert not processing.filter(allocation_rate__isnull=True).exists()
    page.goto(base + LINES + f"?period={PERIOD}&item_key={NO_EINFO}")
    if tick_all(page):
        bulk_edit(page, period=NEXT)(page.locator("#btn-bulk-edit"))

    # TS-19 again: clean. TS-20 生成汇总数据: the 汇总表's 19 rows.
    page.goto(base + GENERATE)
    page.click("#btn-consistency")
    modal_submit(page, "#dlg-check")
    assert page.locator("#consistency-issues td:text-is('不可跳过')").count() == 0

    def summary_rows() -> None:
        assert page.locator("#summary-table tbody tr").count() == 19

    spec_step(
        page,
        "TS-20",
        lambda b: (
            b.click(),
            modal_submit(page, "#dlg-summary", vat_transfer_out="0.00", ending_credit=""),
        ),
        role="button",
        check=summary_rows,
    )

    # TS-21 生成申报数据: the package, signed by the card in the browser.
    signed = page.locator(".alert-success", has_text=f"已使用IC卡 {DEMO_CARD_NO} 签名")
    spec_step(
        page,
        "TS-21",
        lambda b: (b.click(), modal_submit(page, "#dlg-package")),
        role="button",
        check=lambda: signed.wait_for(),
    )
    page.goto(base + GENERATE)
    row = page.locator("#batches tbody tr").first
    status = row.locator(".batch-status")
    assert status.inner_text() == "已生成" and f"{PERIOD}_scsb.xml" in row.inner_text()

    # TS-22 数据自检 → 自检中; TS-23 自检状态查询 → 自检完成.
    def upload(button) -> None:
        row.locator('input[name="batch"]').check()
        button.click()
        page.locator(".alert-success", has_text="已上传自检").wait_for()

    spec_step(page, "TS-22", upload, role="button", check=lambda: status.inner_text() == "自检中")
    # The 汇总表 folds once its package exists: the batch's state shows without scrolling.
    assert status.bounding_box()["y"] + 20 < 768

    def refresh(button) -> None:
        button.click()
        page.locator(".alert-info", has_text="自检状态已刷新").wait_for()

    spec_step(
        page, "TS-23", refresh, role="button", check=lambda: status.inner_text() == "自检完成"
    )

    # TS-24 疑点反馈: the tab lists what the bureau found (only 可跳过 ones are left).
    def doubts_listed() -> None:
        page.locator("#tab-doubts.show.active").wait_for()
        page.wait_for_timeout(300)  # the tab fades in
        cells = page.locator("#doubts tbody td").all_inner_texts()
        assert "不可跳过" not in cells

    spec_step(page, "TS-24", check=doubts_listed)
    page.click("#tab-upload-btn")

    # TS-25 确认申报 asks first, then the batch is 已确认申报.
    def confirm(button) -> None:
        button.click()
        dialog = page.locator(".dlg-confirm.show")
        dialog.wait_for()
        assert PERIOD in dialog.inner_text()
        dialog.locator(".btn-confirm-ok").click()
        page.locator(".alert-success", has_text="已确认申报").wait_for()

    spec_step(
        page,
        "TS-25",
        confirm,
        role="button",
        scope=row,
        check=lambda: status.inner_text() == "已确认申报",
    )
    declared = lines.filter(period=PERIOD, status="declared")
    assert declared.count() == lines.filter(period=PERIOD).count() > 0

    # TS-06 冲减出口: part of one declared line, in the next 所属期 (HZCJ).
    page.goto(base + "/ckts/goods/writeback/")
    target = declared.order_by("sequence_no").first()

    def write_back(button) -> None:
        page.locator(f'tr[data-pk="{target.pk}"] input[name="pk"]').check()
        button.click()
        page.wait_for_selector("#writeback-form")
        page.fill("#id_period", NEXT)
        page.fill("#id_form-0-quantity", "1")
        page.fill("#id_form-0-fob_usd", "10.00")
        page.fill("#id_form-0-fob_cny", "71.00")
        page.click("#btn-writeback")
        page.wait_for_selector(".alert-success")

    def reversed_in_part() -> None:
        assert "冲减成功，生成1条冲减明细" in page.inner_text(".alert-success")
        reversal = lines.get(reverses=target)
        assert (reversal.period, reversal.fob_usd) == (NEXT, Decimal("-10.00"))

    spec_step(page, "TS-06", write_back, role="button", check=reversed_in_part)
