"""其他申报 in the browser at 1366×768 (issue 19): 购进自用货物 walked through the family's step
table — 新建 (税额/退税额 computed) → 生成其他申报数据 (IC卡签名) → 数据自检 → 疑点 (the bureau has
no such invoice) → 撤销已申报数据 (已撤销, the row editable again) → the invoice reaches the
bureau → regenerate → 自检完成 → 正式申报 → 周边审核结果下载 (核准退税额 on the row) → 数据查询 →
打印; and the 收汇情况 page flagging overdue proceeds. Screenshots: test-output/e2e/qt-*.png."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from rebate.accounts.services import card_bind
from rebate.accounts.tests.factories import make_enterprise, make_user
from rebate.customs.tests.factories import make_declaration
from rebate.declarations.models import DeclarationBatch
from rebate.integrations.testing import onboard
from rebate.other_declarations.models import SelfUseGoods
from rebate.other_declarations.tests.factories import make_receipt
from tests.e2e.declaring import self_check_and_refresh
from tests.e2e.settled import modal_shown
from tests.e2e.test_declarations import card_sign_in
from tests.integration.conftest import issue_card_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CODE, CARD_NO, PERIOD = "4403960Q09", "CK4403960Q09", "202611"


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    enterprise = make_enterprise(customs_code=CODE)
    clerk = make_user(enterprise, with_card=False, password="pw-Test-2026")
    call_command(
        "sim_enterprise", "--customs-code", CODE, "--uscc", enterprise.uscc,
        "--name", enterprise.name, stdout=io.StringIO(),
    )  # fmt: skip
    onboard(CODE)
    card_file = issue_card_file(tmp_path / "card.json", CODE, CARD_NO)
    card_bind(user=clerk, card_no=CARD_NO, signed=None)
    return clerk, card_file


def _generate(page, base, business: str = "A0304001") -> None:
    """生成其他申报数据 of one business (the card signs it), then 数据自检 + 自检状态查询 of the
    batch just generated (the page may list the period's batches of other businesses)."""
    page.goto(f"{base}/ckts/qt/generate/?period={PERIOD}")
    page.click("#btn-generate")
    modal_shown(page, "#dlg-package")
    page.fill('#dlg-package [name="period"]', PERIOD)
    page.select_option('#dlg-package [name="business"]', business)
    page.click("#dlg-package-ok")
    page.locator(".alert-success", has_text=f"已使用IC卡 {CARD_NO} 签名").wait_for()
    page.goto(f"{base}/ckts/qt/generate/?period={PERIOD}")
    page.locator('#batches tr[data-status="generated"] input[name="batch"]').check()
    self_check_and_refresh(page)


def _status(page) -> str:
    return page.locator("#batches tbody tr").first.locator(".batch-status").inner_text()


def test_self_use_goods_through_the_step_table(live_server, laptop, shot, world) -> None:
    page, base = laptop, live_server.url
    _clerk, card_file = world
    card_sign_in(page, base, card_file)
    page.wait_for_url("**/ckts/")
    for group in ("qt", "qt-cj", "qt-zbyw"):  # 其他申报 › 数据采集 › 周边业务
        page.click(f'.menu-group-toggle[data-key="{group}"]')
    page.click('.menu-link[data-key="qt-gjzy"]')
    page.wait_for_timeout(800)
    shot("qt-01-menu-selfuse")

    page.goto(f"{base}/ckts/qt/selfuse/add/")
    values = {
        "period": PERIOD, "goods_name": "实验室离心机", "quantity": "2", "unit": "台",
        "unit_price": "5000", "taxable_amount": "10000.00", "levy_rate": "0.13",
        "payment_voucher_no": "FK2026001", "invoice_code": "4400261130",
        "invoice_no": "00012345", "invoice_date": "2026-10-12",
        "supplier_tax_id": "91440300MA5F000001",
    }  # fmt: skip
    for name, value in values.items():
        page.fill(f'#record-form [name="{name}"]', value)
    page.fill('#record-form [name="levy_rate"]', "0.16")  # not a rate in force on 2026-10-12
    page.click("#btn-save")
    assert "不是开票日期2026-10-12适用的增值税税率" in page.inner_text("#record-form")
    shot("qt-02-selfuse-bad-rate")
    assert not SelfUseGoods.objects.exists()
    page.fill('#record-form [name="levy_rate"]', "0.13")
    page.click("#btn-save")
    page.locator(".alert-success", has_text="保存成功").wait_for()
    row = SelfUseGoods.objects.get()
    assert (row.tax_amount, row.refund) == (Decimal("1300.00"), Decimal("1300.00"))
    shot("qt-03-selfuse-saved")

    _generate(page, base)
    assert _status(page) == "有不可跳过疑点"
    page.click("#tab-doubts-btn")
    page.locator("#doubts").wait_for(state="visible")
    page.wait_for_timeout(400)  # the tab fades in
    assert "增值税专用发票00012345无电子信息" in page.inner_text("#doubts")
    shot("qt-04-doubts")

    page.goto(f"{base}/ckts/qt/revoke/")
    page.once("dialog", lambda d: d.accept())
    page.locator(".btn-revoke").first.click()
    page.wait_for_load_state("networkidle")
    assert "已撤销" in page.locator("#revoke-batches").inner_text()
    shot("qt-05-revoked")
    page.goto(f"{base}/ckts/qt/selfuse/")
    assert "已采集" in page.inner_text("table.record-table")

    sim = apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=CODE)
    apps.get_model("sim_taxbureau", "PurchaseInvoice").objects.create(
        enterprise=sim, invoice_code="4400261130", invoice_no="00012345",
        supplier_tax_id="91440300MA5F000001", issued_on=date(2026, 10, 12),
        amount=Decimal("10000.00"), tax_rate=Decimal("0.13"), tax=Decimal("1300.00"),
    )  # fmt: skip
    _generate(page, base)
    assert _status(page) == "自检完成"
    row_el = page.locator("#batches tbody tr").first
    row_el.locator(".btn-confirm").click()
    page.locator(".dlg-confirm.show .btn-confirm-ok").click()
    page.locator(".alert-success", has_text="已正式申报").wait_for()
    shot("qt-06-declared")

    page.goto(f"{base}/ckts/qt/feedback/download/")
    page.fill('#download-form [name="period"]', PERIOD)
    page.click("#btn-apply-download")
    page.wait_for_load_state("networkidle")
    assert "审核通过" in page.inner_text("#reviews") and "1300.00" in page.inner_text("#reviews")
    shot("qt-07-feedback-download")
    page.goto(f"{base}/ckts/qt/selfuse/")
    assert "1300.00" in page.inner_text("table.record-table")
    row.refresh_from_db()
    assert row.confirmed_refund == Decimal("1300.00")
    shot("qt-08-selfuse-confirmed")
    page.goto(f"{base}/ckts/qt/query/")
    assert "审核通过" in page.inner_text("#query-table")
    shot("qt-09-query")
    page.goto(f"{base}/ckts/qt/print/")
    shot("qt-10-print")
    batch = DeclarationBatch.objects.get(status="passed")
    page.goto(f"{base}/ckts/declarations/batches/{batch.pk}/print/?form=sheet")
    assert "购进自用货物退税申报表" in page.inner_text("body")
    assert "实验室离心机" in page.inner_text("body")
    shot("qt-10-print-preview")


def test_overdue_proceeds_flagged(live_server, laptop, shot, world) -> None:
    page, base = laptop, live_server.url
    clerk, card_file = world
    old = make_declaration(clerk.enterprise, ie_date=date(2024, 3, 5))
    make_receipt(clerk.enterprise, entry_id=old.entry_id, received_on=None, receipt_amount=None,
                 receipt_currency="", voucher_no="")  # fmt: skip
    make_receipt(clerk.enterprise)
    card_sign_in(page, base, card_file)
    page.wait_for_url("**/ckts/")
    page.goto(f"{base}/ckts/qt/receipt/")
    assert page.locator(".proceeds-overdue").count() == 1
    shot("qt-11-receipts-overdue")
    page.goto(f"{base}/ckts/qt/generate/")
    assert "收汇截止日期已过仍未收汇" in page.inner_text("body")
    shot("qt-12-generate-warning")


def test_used_equipment_and_report_refused_at_the_field(live_server, laptop, shot, world) -> None:
    page, base = laptop, live_server.url
    _clerk, card_file = world
    card_sign_in(page, base, card_file)
    page.wait_for_url("**/ckts/")
    page.goto(f"{base}/ckts/qt/usedequipment/add/")
    values = {
        "period": PERIOD, "equipment_name": "数控机床", "entry_id": "530420260000000777",
        "export_date": "2026-10-20", "commodity_code": "8458110000", "rebate_rate": "0.13",
        "voucher_no": "44001234", "invoice_date": "2022-05-06", "taxable_amount": "180000.00",
        "original_value": "200000.00", "years_used": "4.5", "accumulated_depreciation": "-100.00",
    }  # fmt: skip
    for name, value in values.items():
        page.fill(f'#record-form [name="{name}"]', value)
    page.select_option('#record-form [name="voucher_kind"]', "1")
    page.click("#btn-save")
    assert "设备净值不能大于设备原值" in page.inner_text("#record-form")
    shot("qt-13-equipment-net-above-original")
    page.fill('#record-form [name="accumulated_depreciation"]', "50000.00")
    page.click("#btn-save")
    page.locator(".alert-success", has_text="保存成功").wait_for()
    computed = [page.input_value(f'[name="{n}"]') for n in ("net_value", "tax_basis", "refund")]
    assert computed == ["150000.00", "135000.00", "17550.00"]  # 180,000 × 150,000 ÷ 200,000 × 13%
    shot("qt-14-equipment-saved")

    page.goto(f"{base}/ckts/qt/capacityreport/add/")
    page.fill('#record-form [name="report_year"]', "2027")
    page.click("#btn-save")
    assert "报告年度不能晚于当前年度" in page.inner_text("#record-form")
    shot("qt-15-report-future-year")
