"""第四篇 第二章 2.3–2.6 (SPEC §6–9) as the manual tells them, at 1366×768, one signed-in card
session for the four families' declaring steps: 进料加工 and 备案 远程申报 (上传成功), 单证 and 其他
远程申报 → 自检结果查询 → 疑点处理 → 正式申报. The records are collected through their services
(their own chapters' scenarios click that); every declaring step finds its control by the label
docs/SPEC.md gives it (spec_step). Screenshots: test-output/manual/06…09/.

Not on `make run`'s world (tests/e2e/tour.bootstrap_demo) but a clerk of its own: the demo holds
no record of these four families (计划分配率备案, 代理出口货物证明, 备案变更, 购进自用货物) and its
bureau none of the state their checks read (the purchase invoice, the 委托方's 备案), so both are
written here whatever the world.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone

from rebate.certificates.tests.factories import PRINCIPAL_ID, make_agency
from rebate.filings.tests.factories import make_change
from rebate.other_declarations.tests.factories import make_self_use
from rebate.processing.tests.factories import make_planned
from tests.e2e.declaring import card_clerk, self_check_and_refresh
from tests.e2e.manual.steps import spec_step
from tests.e2e.test_declarations import card_sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CODE, CARD = "4403960M02", "CK4403960M02"
PERIOD = "202611"


@pytest.fixture
def clerk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return card_clerk(tmp_path, CODE, CARD)


def generate(page, url: str, business: str, period: str | None = PERIOD) -> None:
    """生成…申报数据 of one business (the card signs it); the page again, its batch ticked."""
    page.goto(url)
    page.click("#btn-generate")
    page.wait_for_selector("#dlg-package.show")
    page.select_option('#dlg-package [name="business"]', business)
    if period and page.locator('#dlg-package [name="period"]').count():
        page.fill('#dlg-package [name="period"]', period)
    page.click("#dlg-package-ok")
    failed = ".alert-danger, .job-progress[data-status='failed']"
    signed = f".alert-success:has-text('已使用IC卡 {CARD} 签名')"
    page.locator(f"{failed}, {signed}").wait_for(timeout=60000)  # a busy machine's job
    assert not page.locator(failed).count(), page.inner_text(".page-content")
    page.goto(url)
    page.locator('#batches tr[data-status="generated"] input[name="batch"]').check()


def status(page) -> str:
    return page.locator("#batches tbody tr").first.locator(".batch-status").inner_text()


def in_state(page, expected: str):
    def check() -> None:
        assert status(page) == expected

    return check


def answers(page, alert: str, text: str):
    """Click the step's button; its page answers with `text` in an `alert`."""

    def act(button) -> None:
        button.click()
        page.locator(alert, has_text=text).wait_for()

    return act


def uploads(page):
    """远程申报 without self-check (进料加工, 备案): the package is 上传成功."""
    return answers(page, ".alert-success", "远程申报上传成功")


def sends_for_self_check(page):
    """远程申报 of 单证 / 其他 (DZ-10, QT-10): the package goes to the bureau's self-check."""
    return answers(page, ".alert-success", "已上传自检")


def refreshes(page):
    """自检结果查询 (DZ-11, QT-11)."""
    return answers(page, ".alert-info", "自检状态已刷新")


def doubts_tab_shown(page):
    """疑点处理 (DZ-12, QT-12): the tab is open (it fades in)."""

    def check() -> None:
        page.locator("#tab-doubts.show.active").wait_for()
        page.wait_for_timeout(300)

    return check


def declares_formally(page):
    """正式申报 (DZ-13, QT-13) asks first."""

    def act(button) -> None:
        button.click()
        page.locator(".dlg-confirm.show .btn-confirm-ok").click()
        page.locator(".alert-success", has_text="已正式申报").wait_for()

    return act


def first_row(page):
    page.click("#tab-upload-btn")
    return page.locator("#batches tbody tr").first


def test_chapters_processing_certificates_filings_other(live_server, laptop, clerk) -> None:
    page, base = laptop, live_server.url
    enterprise = clerk.enterprise
    make_planned(enterprise)  # 计划分配率备案 of 202601
    agency = make_agency(enterprise)  # 代理出口货物证明申请表 of 202611
    make_change(enterprise, filled_on=timezone.localdate())  # 备案变更
    self_use = make_self_use(enterprise, period=PERIOD)  # 购进自用货物
    bureau = apps.get_model("sim_taxbureau", "Enterprise").objects
    # The bureau holds the 购进自用货物's invoice, not yet the 委托方's 备案 nor the e-info.
    apps.get_model("sim_taxbureau", "PurchaseInvoice").objects.create(
        enterprise=bureau.get(customs_code=CODE), invoice_code="4400261130",
        invoice_no=self_use.invoice_no,
        supplier_tax_id="91440300MA5F000001", issued_on=date(2026, 10, 12),
        amount=Decimal("10000.00"), tax_rate=Decimal("0.13"), tax=Decimal("1300.00"),
    )  # fmt: skip
    card_sign_in(page, base, clerk.card_file)
    page.wait_for_url("**/ckts/")
    formally = {"role": "button", "check": in_state(page, "已确认申报")}  # 正式申报 (DZ/QT-13)

    # 第三章 (SPEC §6) JL-07 远程申报 of the 计划分配率备案.
    generate(page, f"{base}/ckts/jl/generate/?period=202601", "A0307001", "202601")
    assert page.locator("#btn-self-check").count() == 0  # 进料: no self-check
    spec_step(page, "JL-07", uploads(page), role="button", check=in_state(page, "上传成功"))
    assert f"{CODE}_202601_jlba.xml" in page.locator("#batches tbody tr").first.inner_text()

    # 第五章 (SPEC §8) BA-12 远程申报 of the 备案变更.
    generate(page, f"{base}/ckts/ba/generate/", "A0102001", None)
    spec_step(page, "BA-12", uploads(page), role="button", check=in_state(page, "上传成功"))

    # 第四章 (SPEC §7) 单证: the bureau lacks the 委托方's 备案 and the 报关单's e-info.
    certificates = f"{base}/ckts/dz/generate/?period={PERIOD}"
    generate(page, certificates, "A0201001")
    assert page.locator("#btn-self-check").inner_text() == "远程申报"
    blocked = in_state(page, "有不可跳过疑点")
    spec_step(
        page, "DZ-10", sends_for_self_check(page), role="button", check=in_state(page, "自检中")
    )
    spec_step(page, "DZ-11", refreshes(page), role="button", check=blocked)
    spec_step(page, "DZ-12", check=doubts_tab_shown(page))
    doubts = page.inner_text("#tab-doubts")
    assert "无电子信息" in doubts and "未办理出口退（免）税备案" in doubts
    page.click("#tab-upload-btn")  # the blocked row's action leads to 撤销 (not a dead end)
    page.locator("#batches tbody tr").first.locator(".btn-go-revoke").click()
    page.wait_for_url("**/ckts/dz/revoke/")
    page.once("dialog", lambda d: d.accept())
    page.locator(".btn-revoke").first.click()
    page.wait_for_load_state("networkidle")
    assert "已撤销" in page.locator("#revoke-batches").inner_text()
    bureau.create(customs_code="4403999998", uscc=PRINCIPAL_ID, name="深圳委托制造")
    apps.get_model("sim_taxbureau", "CustomsInfo").objects.create(
        enterprise=bureau.get(customs_code=CODE), item_key=agency.item_key,
        export_date=agency.export_date, received_on=date(2026, 3, 20),
        commodity_code="8501109990", commodity_name="微电机", unit="001",
        quantity=Decimal("100"), fob_usd=Decimal("1000.00"), fob_cny=Decimal("7100.00"),
        currency="USD", deal_total=Decimal("1000.00"),
    )  # fmt: skip
    generate(page, certificates, "A0201001")
    self_check_and_refresh(page)
    assert status(page) == "自检完成"
    spec_step(page, "DZ-13", declares_formally(page), scope=first_row(page), **formally)

    # 第六章 (SPEC §9) 其他申报: 购进自用货物, its invoice on file at the bureau.
    generate(page, f"{base}/ckts/qt/generate/?period={PERIOD}", "A0304001")
    spec_step(
        page, "QT-10", sends_for_self_check(page), role="button", check=in_state(page, "自检中")
    )
    spec_step(page, "QT-11", refreshes(page), role="button", check=in_state(page, "自检完成"))
    spec_step(page, "QT-12", check=doubts_tab_shown(page))
    assert "不可跳过" not in page.inner_text("#doubts")
    spec_step(page, "QT-13", declares_formally(page), scope=first_row(page), **formally)
