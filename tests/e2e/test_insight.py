"""首页 dashboard, a 疑点说明 reached from its 疑点 row, and a 退税试算 — at 1366×768."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from rebate.accounts.tests.factories import make_user
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import Doubt, ReviewRecord
from rebate.declarations.tests.factories import make_batch
from rebate.goods.services import ExportLineInput, export_lines_create
from rebate.refunds.services import record_received

from .test_goods import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
KEYS = ("fob_usd_total", "fob_cny_total", "exempt_credit_refund", "refund_due", "exempt_credit")
MONTHS = {  # 所属期: 美元, 人民币, 免抵退税额, 应退税额, 免抵税额, 核准应退税额
    "202501": ("120000.00", "852000.00", "85200.00", "60000.00", "25200.00", "60000.00"),
    "202502": ("90000.00", "639000.00", "63900.00", "63900.00", "0.00", "61200.50"),
    "202503": ("150000.00", "1065000.00", "106500.00", "40000.00", "66500.00", None),
}

ADJUSTMENTS = {"202502": "-2699.50"}  # 审核调整: approved 61200.50 against 63900.00 declared
REASON = "海关电子信息离岸价低于申报数，核减应退税额"


def _line(n: int, period: str, cny: str) -> ExportLineInput:
    return ExportLineInput(
        period=period, item_key=f"53042025000000{n:04d}0001"[:18] + "001",
        export_date=date(int(period[:4]), int(period[4:]), 5), commodity_code="8501109990",
        commodity_name="微电机", unit="台", quantity=Decimal("100"),
        fob_usd=(Decimal(cny) / 7).quantize(Decimal("0.01")), fob_cny=Decimal(cny),
        levy_rate=Decimal("0.13"), rebate_rate=Decimal("0.10"), invoice_no=f"FP{n:08d}",
        trade_mode="0110",
    )  # fmt: skip


def _plant(user) -> Doubt:
    e = user.enterprise
    for period, (*figures, approved) in MONTHS.items():
        status = BatchStatus.PASSED if approved else BatchStatus.CHECKED
        batch = make_batch(
            e, period=period, status=status, figures=dict(zip(KEYS, figures, strict=True))
        )
        if approved:
            ReviewRecord.objects.create(
                enterprise=e, family="mdt", business_code="A0305001", period=period,
                receipt_no=f"R{period}", result="passed", batch=batch,
                figures={"refund_due": approved, "adjustment": ADJUSTMENTS.get(period)},
                reasons=REASON if period in ADJUSTMENTS else "",
            )  # fmt: skip
            record_received(
                enterprise=e, actor=user, batch=batch, received_on=date(2025, 6, 18),
                amount=Decimal(approved),
            )  # fmt: skip
    checked = batch
    make_batch(e, period="202412", status=BatchStatus.REVOKED, figures={})
    line = export_lines_create(enterprise=e, actor=user, lines=[_line(1, "202503", "71000.00")])[0]
    doubts = [
        (
            "MDT_CKHW_BGD_USDLAJ_CY",
            False,
            "申报美元离岸价10142.86与海关电子信息9000.00差额超过5%",
        ),
        ("MDT_CKHW_BGD_USDLAJ_CY", False, "申报美元离岸价与海关电子信息差额超过5%"),
        ("MDT_CKHW_BGD_LSSBJL", True, "报关单已在以前的申报中使用，可能重复申报"),
        ("MDT_JLJG_BDG_NOFPLV", False, "监管方式为进料加工（0615），未填写计划分配率"),
    ]
    rows = [
        Doubt.objects.create(
            enterprise=e,
            batch=checked,
            code=code,
            level="I" if skip else "E",
            skippable=skip,
            message=message,
            table="TSSB",
            line_no=line.sequence_no,
            item_key=line.item_key,
            record_id=line.pk,
        )
        for code, skip, message in doubts
    ]
    export_lines_create(
        enterprise=e,
        actor=user,
        lines=[_line(2, "202504", "710000.00"), _line(3, "202504", "355000.00")],
    )
    return rows[0]


def test_dashboard_explainer_and_whatif(live_server, laptop, shot) -> None:
    page = laptop
    user = make_user(password="pw-Test-2026")
    doubt = _plant(user)
    sign_in(page, live_server, user)
    page.goto(live_server.url + "/ckts/")
    home = page.frame_locator("#welcome iframe")
    expect(home.locator("#chart-exports canvas")).to_have_count(1)
    expect(home.locator("#chart-doubts canvas")).to_have_count(1)
    refunds = home.locator("#chart-refunds")
    box = refunds.bounding_box()
    refunds.hover(position={"x": box["width"] / 2, "y": box["height"] / 2})  # the 202502 bars
    expect(refunds).to_contain_text("审核调整-2699.50：海关电子信息离岸价低于申报数")
    expect(refunds).to_contain_text("已收到退税款：61200.50")
    shot("insight-01-dashboard")

    # 疑点反馈 row → 疑点说明 → the line, one click each.
    page.goto(live_server.url + "/ckts/mdt/generate/?period=202503")
    page.click("#tab-doubts-btn")
    page.locator(f'a.doubt-code[href$="?doubt={doubt.pk}"]').click()
    expect(page.locator("#meaning")).to_contain_text("超过1美元且超过海关离岸价的5%")
    expect(page.locator("#skippable")).to_contain_text("不可跳过")
    expect(page.locator("#note")).to_contain_text("离岸价差异原因说明表")
    shot("insight-02-doubt-explainer")
    page.click("#open-line")
    page.wait_for_url(f"**/ckts/goods/exportline/{doubt.record_id}/**")

    # 生成汇总数据 step → 退税试算: 期末留抵 100000, one line moved to the next period.
    page.goto(live_server.url + "/ckts/mdt/generate/?period=202504")
    page.click("#btn-whatif")
    page.fill("#id_ending_credit", "100000.00")
    page.locator("#lines summary").click()
    page.locator("#lines input[name=moved]").nth(1).check()
    page.click("#btn-whatif")
    expect(page.locator("#base-refund")).to_have_text("100000.00")
    expect(page.locator("#trial-refund")).to_have_text("71000.00")  # 710000 × 0.10 left
    expect(page.locator('#whatif-table tr[data-row="19"] .trial')).to_have_text("0.00")
    shot("insight-03-whatif")
