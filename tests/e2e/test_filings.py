"""备案申报 in the browser at 1366×768 (issue 18). 备案变更: 新建 (prefilled, 变更前 beside
each item) → 打印 (the 变更表, before generating) → 生成备案申报数据 (the chosen business; the
card signs) → 远程申报 (上传成功) → 审核结果下载 (审核通过) → 企业信息查询 shows the new 备案 and
its history. Then 放弃出口退（免）税 approved → 生成退税申报数据 shows and applies its rule.
Screenshots: test-output/e2e/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rebate.accounts.services import card_bind
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.filings.tests.factories import make_waiver
from tests.e2e.declaring import file_vat_return, modal_ok
from tests.e2e.settled import modal_shown
from tests.e2e.test_declarations import card_sign_in
from tests.integration.conftest import issue_card_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CODE, CARD = "4403960B02", "CK4403960B02"


@pytest.fixture
def clerk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    enterprise = onboard_at_eport(make_enterprise(customs_code=CODE))
    user = make_user(enterprise, with_card=False, password="pw-Test-2026")
    user.card_file = issue_card_file(tmp_path / "card.json", customs_code=CODE, card_no=CARD)
    card_bind(user=user, card_no=CARD, signed=None)
    return user


def sign_in_with_card(page, base, clerk) -> None:
    card_sign_in(page, base, clerk.card_file)
    page.wait_for_url("**/ckts/")
    assert page.locator("#card-status").inner_text().strip() == f"已插卡 {CARD}"


def declare(page, base, business: str, label: str) -> None:
    page.goto(base + "/ckts/ba/generate/")
    page.click("#btn-generate")
    modal_shown(page, "#dlg-package")
    page.select_option('#dlg-package [name="business"]', business)
    page.click("#dlg-package-ok")
    page.locator(".alert-success", has_text=f"已使用IC卡 {CARD} 签名").wait_for()
    page.goto(base + "/ckts/ba/generate/")
    page.locator('#batches input[name="batch"]').first.check()
    page.click("#btn-upload")
    page.locator(".alert-success", has_text="远程申报上传成功").wait_for()
    assert label in page.locator("#batches tbody tr").first.inner_text()


def download_feedback(page, base) -> None:
    page.goto(base + "/ckts/ba/feedback/download/")
    page.click("#btn-apply-download")
    page.wait_for_load_state("networkidle")


def test_a_change_walks_the_step_table_and_shows_in_the_enterprise_information(
    live_server, laptop, shot, clerk
) -> None:
    base = live_server.url
    page = laptop
    sign_in_with_card(page, base, clerk)
    page.goto(base + "/ckts/ba/registration/")
    shot("filings-01-registration-list")
    page.goto(base + "/ckts/ba/registrationchange/add/")
    assert page.input_value("#id_uscc") == clerk.enterprise.uscc  # prefilled
    page.fill("#id_bank_name", "中国银行深圳分行")
    page.fill("#id_bank_account", "6222020000001234")
    page.fill("#id_handler1_name", "王办税")
    page.fill("#id_handler1_id_no", "110101199003074477")
    page.fill("#id_filled_on", timezone.localdate().isoformat())
    assert "变更前：" in page.locator('[data-help-for="bank_account"]').inner_text()
    shot("filings-02-change-form")
    page.click("#btn-save")
    page.locator(".alert-success", has_text="保存成功").wait_for()

    page.goto(base + "/ckts/ba/print/")
    assert page.locator("#print-records-registrationchange tbody tr").count() == 1
    shot("filings-03-print-first")
    href = page.locator("#print-records-registrationchange a").first.get_attribute("href")
    page.goto(base + href)
    assert "变更前内容" in page.content() and "6222020000001234" in page.content()
    shot("filings-04-change-sheet")

    declare(page, base, "A0102001", "上传成功")
    shot("filings-05-uploaded")
    download_feedback(page, base)
    page.goto(base + "/ckts/ba/generate/")
    assert "审核通过" in page.locator("#batches tbody tr").first.inner_text()
    shot("filings-06-passed")
    page.goto(base + "/ckts/configuration/enterprise/")
    assert "6222020000001234" in page.locator("#filing-details").inner_text()
    assert "出口退（免）税备案变更" in page.locator("#filing-history").inner_text()
    shot("filings-07-enterprise-info")
    page.goto(base + "/ckts/ba/query/")
    shot("filings-08-query")


def test_an_approved_waiver_shows_on_generating_refunds(live_server, laptop, shot, clerk):
    base = live_server.url
    page = laptop
    first = timezone.localdate().replace(day=1)
    start = (first - timedelta(days=1)).replace(day=1)  # last month's 所属期 is held back
    make_waiver(clerk.enterprise, start_on=start, reason="转为内销经营")
    sign_in_with_card(page, base, clerk)
    page.goto(base + "/ckts/ba/waiver/")
    shot("filings-10-waiver-list")
    declare(page, base, "A0409004", "上传成功")
    download_feedback(page, base)
    file_vat_return(CODE, f"{start:%Y%m}")  # the Art. 15 gate passes: the waiver is the rule
    page.goto(base + f"/ckts/mdt/generate/?period={start:%Y%m}")
    notice = page.locator("[data-gate]").first.inner_text()
    assert "放弃出口退（免）税" in notice and "转为内销经营" in notice
    shot("filings-11-mdt-gated")
    modal_ok(page, "#btn-generate", "#dlg-package")
    assert "放弃出口退（免）税" in page.locator(".alert-danger, .form-errors").first.inner_text()
    shot("filings-12-mdt-refused")


def test_an_approved_refund_first_qualification_opens_ts09(live_server, laptop, shot, clerk):
    base = live_server.url
    page = laptop
    sign_in_with_card(page, base, clerk)
    page.goto(base + "/ckts/ba/refundfirst/add/")
    page.fill("#id_contract_no", "HT-SHIP-01")
    page.fill("#id_foreign_party", "Oceanic Lines Ltd")
    page.fill("#id_commodity_code", "89011010")
    page.fill("#id_commodity_name", "散货船")
    page.fill("#id_production_start", "2026-03-01")
    page.fill("#id_completion_date", "2027-06-30")
    page.fill("#id_export_amount_usd", "12000000.00")
    page.fill("#id_expected_collections", "3")
    page.fill("#id_first_ratio", "30")
    page.fill("#id_second_ratio", "30")
    page.fill("#id_remaining_ratio", "30")  # 90 %: refused at the field
    page.fill("#id_filled_on", timezone.localdate().isoformat())
    page.click("#btn-save")
    error = page.locator('.conv-error[data-for="first_ratio"]').inner_text()
    assert "各次收款比例合计应为100%，现为90%" in error
    shot("filings-20-refund-first-refused")
    page.fill("#id_remaining_ratio", "40")
    page.click("#btn-save")
    page.locator(".alert-success", has_text="保存成功").wait_for()

    page.goto(base + "/ckts/goods/refundfirst/add/")
    assert "未取得先退税后核销资格" in page.content()
    shot("filings-21-ts09-closed")
    declare(page, base, "A0107001", "上传成功")
    download_feedback(page, base)
    page.goto(base + "/ckts/goods/refundfirst/add/")
    assert "未取得先退税后核销资格" not in page.content()
    assert page.locator("#record-form").is_visible()
    shot("filings-22-ts09-open")


def test_a_withdrawal_under_review_is_returned_with_the_bureaus_reason(
    live_server, laptop, shot, clerk
) -> None:
    from django.apps import apps

    from rebate.declarations.models import DeclarationBatch

    base = live_server.url
    page = laptop
    bureau = apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=CODE)
    apps.get_model("sim_taxbureau", "Submission").objects.create(
        enterprise=bureau, receipt_no=f"{CODE}202611900", filename="x.xml",
        business_code="A0305001", period="202611", card_no=CARD, digest="0" * 64,
        status="审核中", submitted_at=timezone.now(), declared_at=timezone.now(),
    )  # fmt: skip
    sign_in_with_card(page, base, clerk)
    page.goto(base + "/ckts/ba/withdrawal/add/")
    page.select_option("#id_reason", "01")
    page.fill("#id_handler", "王办税")
    page.fill("#id_filled_on", timezone.localdate().isoformat())
    shot("filings-30-withdrawal-form")
    page.click("#btn-save")
    page.locator(".alert-success", has_text="保存成功").wait_for()
    declare(page, base, "A0103001", "上传成功")
    download_feedback(page, base)
    page.goto(base + "/ckts/ba/generate/")
    assert "税局退回" in page.locator("#batches tbody tr").first.inner_text()
    batch = DeclarationBatch.objects.get(family="filings")
    page.goto(f"{base}/ckts/declarations/batches/{batch.pk}/")
    assert "须审核完毕后方可撤回备案" in page.content()
    shot("filings-31-withdrawal-returned")
