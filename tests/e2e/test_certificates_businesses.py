"""The other six 单证 businesses through their step table in the browser at 1366×768, each
clicked: 新建 (the 申请表 filled at its fields) → 打印 (preview) → 生成单证申报数据 (the business
picked, the card signs) → 远程申报 (自检) → 自检结果查询 → 正式申报 → 单证审核结果下载 → 单证数据
查询, with the bureau holding what its review checks (planted first), so that each is approved
and its 证明编号 comes back onto the record. The doubt → 撤销 → fix path is test_certificates.py's
(代理证明) and rebate/certificates/tests/test_bureau.py's. Shots: test-output/e2e/dz-<简称>-*."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse

from rebate.accounts.services import card_bind
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.certificates import models, wire
from rebate.certificates.tests.factories import principal
from rebate.customs.tests.factories import make_declaration
from tests.e2e.declaring import self_check_and_refresh
from tests.e2e.settled import modal_shown
from tests.e2e.test_declarations import card_sign_in
from tests.integration.conftest import issue_card_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CODE, CARD_NO = "4403960D03", "CK4403960D03"
PARTNER = "91440300MA5F000030"


def sim(model: str) -> Any:
    return apps.get_model("sim_taxbureau", model).objects


def sim_enterprise() -> Any:
    return sim("Enterprise").get(customs_code=CODE)


def partner_on_file(enterprise: Any) -> None:
    principal(enterprise, PARTNER, "深圳外贸代理有限公司")
    sim("Enterprise").create(customs_code="4403999997", uscc=PARTNER, name="深圳外贸代理")


def customs_info(item_key: str, **values: Any) -> None:
    sim("CustomsInfo").create(
        enterprise=sim_enterprise(), item_key=item_key, export_date=date(2026, 3, 5),
        received_on=date(2026, 3, 20), commodity_code="8501109990", commodity_name="微电机",
        unit="001", quantity=Decimal("100"), fob_usd=Decimal("1000.00"),
        fob_cny=Decimal("7100.00"), currency="USD", deal_total=Decimal("1000.00"), **values,
    )  # fmt: skip


def inward(enterprise: Any) -> dict[str, str]:
    make_declaration(enterprise, manual_no="B53042600001", trade_mode="0214")
    customs_info("530420269999999991001", manual_no="B53042600001")
    return {"trustee_taxpayer_id": "91440300MA5F000021", "trustee_name": "东莞来料加工厂",
            "manual_no": "B53042600001", "invoice_no": "44030001", "goods_name": "电机",
            "goods_unit": "台", "goods_quantity": "100", "fee_amount": "5000.00"}  # fmt: skip


def returned(enterprise: Any) -> dict[str, str]:
    declaration = make_declaration(enterprise)
    customs_info(
        f"{declaration.entry_id}001", returned_quantity=Decimal("40"),
        returned_fob_usd=Decimal("400.00"), returned_fob_cny=Decimal("2840.00"),
    )  # fmt: skip
    return {"entry_id": declaration.entry_id, "item_no": "1", "returned_quantity": "40",
            "returned_fob_usd": "400.00", "returned_fob_cny": "2840.00"}  # fmt: skip


def entrusted(enterprise: Any) -> dict[str, str]:
    partner_on_file(enterprise)
    customs_info("530420260000009999001")  # the agent's declaration, at the bureau
    return {"trustee_taxpayer_id": PARTNER, "agreement_no": "DL-2026-01",
            "entry_id": "530420260000009999", "item_no": "1", "commodity_code": "8501109990",
            "commodity_name": "微电机", "fob_cny": "7100.00"}  # fmt: skip


def cigarette(enterprise: Any) -> dict[str, str]:
    partner_on_file(enterprise)
    return {"exporter_taxpayer_id": PARTNER, "commodity_code": "2402200000",
            "cigarette_name": "卷烟", "brand": "中华", "unit": "万支", "quantity": "10",
            "unit_price": "1500.5", "total_amount": "15005.00", "vat_exempt": "1950.65",
            "excise_exempt": "8000.00", "permit_no": "ZM2026000001",
            "invoice_no": "44030099"}  # fmt: skip


def reissue(enterprise: Any) -> dict[str, str]:
    sim("IssuedCertificate").create(
        enterprise=sim_enterprise(), business_code="A0201001", number="DLZM440320260000077",
        issued_on=date(2026, 10, 9),
    )  # fmt: skip
    return {"original_kind": "01", "original_no": "DLZM440320260000077",
            "original_bureau": "国家税务总局深圳市税务局", "reason": "证明遗失"}  # fmt: skip


def winning_bid(enterprise: Any) -> dict[str, str]:
    return {"winner_taxpayer_id": enterprise.uscc, "winner_name": enterprise.name,
            "tender_no": "ZB-2026-001", "project_name": "水电站机组", "lender": "世界银行",
            "product_name": "水轮发电机", "quantity": "2", "unit_price": "350000",
            "total_amount": "700000.00", "fx_amount": "9.8600", "commodity_code": "8502390000",
            "commodity_name": "发电机组", "agency_name": "中国国际招标公司",
            "agency_head": "王招标", "applied_on": "2026-11-01"}  # fmt: skip


def inward_writeoff(enterprise: Any) -> dict[str, str]:
    """The 免税证明 issued earlier (here and at the bureau); the 手册's 报关单 at both."""
    declaration = make_declaration(enterprise, manual_no="B53042600001", trade_mode="0214")
    customs_info(f"{declaration.entry_id}001", manual_no="B53042600001")
    models.InwardProcessing.objects.create(
        enterprise=enterprise, period="202610", fill_date=date(2026, 10, 8),
        trustee_taxpayer_id="91440300MA5F000021", trustee_name="东莞来料加工厂",
        manual_no="B53042600001", invoice_no="44030001", goods_name="电机", goods_unit="台",
        goods_quantity=Decimal("100"), fee_amount=Decimal("5000.00"), status="declared",
        certificate_no="LLJG44032026000001", issued_on=date(2026, 10, 20),
    )  # fmt: skip
    sim("IssuedCertificate").create(enterprise=sim_enterprise(), business_code="A0203002",
                                    number="LLJG44032026000001", subject="44030001",
                                    issued_on=date(2026, 10, 20))  # fmt: skip
    return {"exemption_certificate_no": "LLJG44032026000001", "manual_no": "B53042600001",
            "processor_taxpayer_id": "91440300MA5F000021", "processor_name": "东莞来料加工厂",
            "invoice_no": "44030001", "fee_amount": "5000.00",
            "entry_id": declaration.entry_id, "item_no": "1",
            "export_quantity": "100"}  # fmt: skip


def cigarette_permit(enterprise: Any) -> dict[str, str]:
    partner_on_file(enterprise)
    return {"producer_taxpayer_id": PARTNER, "plan_year": "2026", "plan_no": "JH-2026-01",
            "commodity_code": "2402200000", "cigarette_name": "卷烟", "brand": "中华",
            "unit": "万支", "quantity": "10", "unit_price": "1500.5", "total_amount": "15005.00",
            "plan_quantity": "100", "issued_quantity": "20"}  # fmt: skip


def cigarette_writeoff(enterprise: Any) -> dict[str, str]:
    """The 准予免税购进证明 issued earlier (here and at the bureau); the 报关单 at both."""
    declaration = make_declaration(enterprise)
    customs_info(f"{declaration.entry_id}001")
    models.CigarettePermit.objects.create(
        enterprise=enterprise, period="202610", fill_date=date(2026, 10, 8),
        producer_taxpayer_id=PARTNER, producer_name="卷烟厂", plan_year=2026,
        plan_no="JH-2026-01", commodity_code="2402200000", cigarette_name="卷烟", brand="中华",
        unit="万支", quantity=Decimal("10"), unit_price=Decimal("1500.5"),
        total_amount=Decimal("15005.00"), plan_quantity=Decimal("100"), status="declared",
        certificate_no="ZYJY44032026000001", issued_on=date(2026, 10, 20),
    )  # fmt: skip
    sim("IssuedCertificate").create(enterprise=sim_enterprise(), business_code="A0205002",
                                    number="ZYJY44032026000001", subject="JH-2026-01",
                                    issued_on=date(2026, 10, 20))  # fmt: skip
    return {"plan_year": "2026", "plan_no": "JH-2026-01", "entry_id": declaration.entry_id,
            "item_no": "1", "brand": "中华", "export_quantity": "100", "sales_usd": "1000.00",
            "sales_cny": "7100.00", "permit_no": "ZYJY44032026000001"}  # fmt: skip


APPROVALS = (models.InwardWriteoff, models.CigaretteWriteoff)  # 核销: approved, no number
PLANTS = {
    models.InwardProcessing: inward, models.ReturnedGoods: returned,
    models.Entrusted: entrusted, models.Cigarette: cigarette, models.Reissue: reissue,
    models.WinningBid: winning_bid, models.InwardWriteoff: inward_writeoff,
    models.CigarettePermit: cigarette_permit, models.CigaretteWriteoff: cigarette_writeoff,
}  # fmt: skip
KINDS = [k for k in wire.BUSINESSES if k.model in PLANTS]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.short_name)
def test_business_through_its_step_table(live_server, laptop, shot, tmp_path, settings,
                                         kind: wire.CertificateBusiness) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    page, base, name = laptop, live_server.url, f"dz-{kind.short_name}"
    enterprise = onboard_at_eport(make_enterprise(customs_code=CODE))
    clerk = make_user(enterprise, with_card=False, password="pw-Test-2026")
    card_file = issue_card_file(tmp_path / "card.json", customs_code=CODE, card_no=CARD_NO)
    card_bind(user=clerk, card_no=CARD_NO, signed=None)
    values = {"period": "202611", "fill_date": "2026-11-20", **PLANTS[kind.model](enterprise)}
    card_sign_in(page, base, card_file)
    page.wait_for_url("**/ckts/")

    page.goto(base + reverse(f"certificates:{kind.name}_add"))
    for field, value in values.items():
        box = page.locator(f"#id_{field}")
        if box.evaluate("e => e.tagName") == "SELECT":
            box.select_option(value)
        else:
            box.fill(value)
    shot(f"{name}-01-new")
    page.click("#btn-save")
    page.locator(".alert-success", has_text="保存成功").wait_for()
    row = kind.model.objects.get()

    page.goto(base + reverse("certificates:print"))
    assert page.locator(f"#print-records-{kind.name} tbody tr").count() == 1
    preview = reverse("declarations:print_record", args=[row.pk])
    page.goto(f"{base}{preview}?family=certificates&form={kind.name}")
    assert page.locator("h1").inner_text() == f"{kind.label}申请表"
    shot(f"{name}-02-print")

    page.goto(base + reverse("certificates:generate") + "?period=202611")
    page.click("#btn-generate")
    modal_shown(page, "#dlg-package")
    page.select_option('#dlg-package [name="business"]', kind.code)
    page.fill('#dlg-package [name="period"]', "202611")
    page.click("#dlg-package-ok")
    page.locator(".alert-success", has_text=f"已使用IC卡 {CARD_NO} 签名").wait_for()
    page.goto(base + reverse("certificates:generate") + "?period=202611")
    assert f"_202611_{kind.short_name}.xml" in page.locator("#batches").inner_text()
    page.locator('#batches input[name="batch"]').first.check()
    self_check_and_refresh(page)
    batch_row = page.locator("#batches tbody tr").first
    assert batch_row.locator(".batch-status").inner_text() == "自检完成", page.locator(
        "#tab-doubts"
    ).inner_text()
    shot(f"{name}-03-checked")
    batch_row.locator(".btn-confirm").click()
    page.locator(".dlg-confirm.show .btn-confirm-ok").click()
    page.locator(".alert-success", has_text="已正式申报").wait_for()

    page.goto(base + reverse("certificates:feedback_download"))
    page.fill("#id_period", "202611")
    page.click("#btn-apply-download")
    page.locator(".alert", has_text="反馈读入成功").wait_for()
    assert "审核通过" in page.locator("#reviews").inner_text()
    row.refresh_from_db()
    page.goto(base + reverse("certificates:query"))
    assert "审核通过" in page.locator("body").inner_text()
    page.goto(base + reverse(f"certificates:{kind.name}_list"))
    if kind.model in APPROVALS:  # approved, no certificate issued
        assert row.certificate_no == "" and row.status == "declared"
    else:
        assert row.certificate_no.startswith(kind.short_name.upper())
        assert row.certificate_no in page.locator("table").first.inner_text()
    shot(f"{name}-04-issued")
