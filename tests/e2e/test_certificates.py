"""单证申报 in the browser at 1366×768 (issue 17), 代理出口货物证明 (dlzm) through its whole step
table against the real simulators, every step clicked: 新建 → 打印单证申报报表 → 生成单证申报数据
(pick the business, the browser's card signs) → 远程申报 (自检) → 自检结果查询 → 疑点 (报关单无电子
信息, 委托方未办理备案) → 撤销 → the bureau receives the data → regenerate → 自检完成 → 正式申报 →
单证审核结果下载 → 单证数据查询 and the 证明编号 on the record. Shots: test-output/e2e/dz-*."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from rebate.accounts.services import card_bind
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.certificates.models import Agency
from rebate.certificates.tests.factories import PRINCIPAL_ID, principal
from rebate.customs.tests.factories import make_declaration
from tests.e2e.declaring import self_check_and_refresh
from tests.e2e.settled import modal_shown
from tests.e2e.test_declarations import card_sign_in
from tests.integration.conftest import issue_card_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CODE, CARD_NO = "4403960D02", "CK4403960D02"


def url(live_server, name: str, *args) -> str:
    return live_server.url + reverse(f"certificates:{name}", args=args)


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    enterprise = onboard_at_eport(make_enterprise(customs_code=CODE))
    clerk = make_user(enterprise, with_card=False, password="pw-Test-2026")
    card_file = issue_card_file(tmp_path / "card.json", customs_code=CODE, card_no=CARD_NO)
    card_bind(user=clerk, card_no=CARD_NO, signed=None)
    declaration = make_declaration(enterprise)
    principal(enterprise)
    return enterprise, declaration, card_file


def generate(page, live_server, shot, name: str) -> None:
    page.goto(url(live_server, "generate") + "?period=202611")
    page.click("#btn-generate")
    modal_shown(page, "#dlg-package")
    page.select_option('#dlg-package [name="business"]', "A0201001")
    page.fill('#dlg-package [name="period"]', "202611")
    page.wait_for_timeout(400)  # the dialog's fade-in
    shot(name)
    page.click("#dlg-package-ok")
    page.locator(".alert-success", has_text=f"已使用IC卡 {CARD_NO} 签名").wait_for()
    page.goto(url(live_server, "generate") + "?period=202611")
    page.locator('#batches input[name="batch"]').first.check()


def status(page) -> str:
    return page.locator("#batches tbody tr").first.locator(".batch-status").inner_text()


def test_agency_certificate_through_its_step_table(live_server, laptop, shot, world) -> None:
    page = laptop
    _, declaration, card_file = world
    card_sign_in(page, live_server.url, card_file)
    page.wait_for_url("**/ckts/")

    # 采集: 新建 the 申请表; the 报关单's figures are returned into the record
    page.goto(url(live_server, "agency_list"))
    page.click("#btn-add")
    values = {
        "period": "202611", "principal_taxpayer_id": PRINCIPAL_ID,
        "entry_id": declaration.entry_id, "item_no": "1", "quantity": "100",
        "fob_usd": "1000.00", "fob_cny": "7100.00", "contract_no": "WT-2026-01",
        "fill_date": "2026-11-20",
    }  # fmt: skip
    for name, value in values.items():
        page.fill(f"#id_{name}", value)
    shot("dz-01-new")
    page.click("#btn-save")
    page.locator(".alert-success", has_text="保存成功").wait_for()
    row = Agency.objects.get()
    assert row.principal_name == "深圳委托制造有限公司" and row.commodity_code == "8501109990"
    page.goto(url(live_server, "agency_list"))
    assert declaration.entry_id in page.locator("table").first.inner_text()
    shot("dz-02-list")

    # 打印单证申报报表 first: the record's 申请表, preview and PDF
    page.goto(url(live_server, "print"))
    assert page.locator("#print-records-agency tbody tr").count() == 1
    shot("dz-03-print")
    preview = reverse("declarations:print_record", args=[row.pk])
    page.goto(f"{live_server.url}{preview}?family=certificates&form=agency")
    assert "代理出口货物证明申请表" in page.locator("h1").inner_text()
    shot("dz-04-print-preview")

    # 生成 → 远程申报 → 自检结果查询: the bureau's own data raise the doubts
    generate(page, live_server, shot, "dz-05-generate-dialog")
    self_check_and_refresh(page)
    assert status(page) == "有不可跳过疑点"
    shot("dz-06-blocked")
    page.click("#tab-doubts-btn")
    page.locator("#tab-doubts.show.active").wait_for()
    page.wait_for_timeout(300)
    doubts = page.locator("#tab-doubts").inner_text()
    assert "无电子信息" in doubts and "未办理出口退（免）税备案" in doubts
    shot("dz-07-doubts")

    # 撤销; the bureau gets the 委托方's 备案 and the customs e-info; regenerate
    page.goto(url(live_server, "revoke"))
    page.once("dialog", lambda d: d.accept())
    page.locator(".btn-revoke").first.click()
    page.wait_for_load_state("networkidle")
    assert "已撤销" in page.locator("#revoke-batches").inner_text()
    sim = apps.get_model("sim_taxbureau", "Enterprise").objects
    sim.create(customs_code="4403999998", uscc=PRINCIPAL_ID, name="深圳委托制造")
    apps.get_model("sim_taxbureau", "CustomsInfo").objects.create(
        enterprise=sim.get(customs_code=CODE), item_key=row.item_key, export_date=row.export_date,
        received_on=date(2026, 3, 20), commodity_code="8501109990", commodity_name="微电机",
        unit="001", quantity=Decimal("100"), fob_usd=Decimal("1000.00"),
        fob_cny=Decimal("7100.00"), currency="USD", deal_total=Decimal("1000.00"),
    )  # fmt: skip
    generate(page, live_server, shot, "dz-08-generate-again")
    self_check_and_refresh(page)
    assert status(page) == "自检完成"
    shot("dz-09-checked")

    # 正式申报, then 单证审核结果下载 brings the 证明编号
    page.locator("#batches tbody tr").first.locator(".btn-confirm").click()
    page.locator(".dlg-confirm.show .btn-confirm-ok").click()
    page.locator(".alert-success", has_text="已正式申报").wait_for()
    shot("dz-10-declared")
    page.goto(url(live_server, "feedback_download"))
    page.fill("#id_period", "202611")
    page.click("#btn-apply-download")
    page.locator(".alert", has_text="反馈读入成功").wait_for()
    assert "审核通过" in page.locator("#reviews").inner_text()
    shot("dz-11-feedback")
    row.refresh_from_db()
    assert row.certificate_no.startswith("DLZM4403")

    page.goto(url(live_server, "query"))
    assert "审核通过" in page.locator("body").inner_text()
    shot("dz-12-query")
    page.goto(url(live_server, "agency_list"))
    assert row.certificate_no in page.locator("table").first.inner_text()
    shot("dz-13-list-with-number")
