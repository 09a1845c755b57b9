"""The 免抵退 chain in the browser (issue 8): 生成退税申报数据 → 自检 → 疑点 → 撤销 → regenerate →
确认申报 → 审核通过 → 数据查询 → 打印. Collection (报关单 download, 生成退税) and the data fixes go
through their own apps' services; every declarations step is clicked. Screenshots: test-output/e2e/.
"""

from __future__ import annotations

from datetime import date

import pytest

from rebate.declarations.models import DeclarationBatch
from tests.e2e.declaring import modal_ok, open_generate, self_check_and_refresh
from tests.integration.conftest import CARD_PIN, seed_world
from tests.integration.test_full_chain import (
    PERIOD,
    collect,
    declare_again,
    fix_doubts,
    planned_rate_on_file,
    type_mistakes,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRINT_JOB_LINES = 10  # the 明细表 of the chain's batch prints as a job
    world = seed_world(card_file=tmp_path / "card.json")
    world.card_file = tmp_path / "card.json"
    return world


def card_sign_in(page, base, card_file, pin=CARD_PIN):
    """卡介质: 插卡 (the e-port's key file) with the PIN; the browser signs the challenge."""
    page.goto(base + "/accounts/login/card/")
    page.set_input_files("#card-file", str(card_file))
    page.fill("#card-pin", pin)
    page.click("#card-login-submit")
    page.wait_for_load_state("networkidle")


def generate_and_self_check(page, base, shot, prefix, check=True):
    open_generate(page, base)
    if check:  # 不可跳过 problems of the check would refuse 生成汇总数据
        modal_ok(page, "#btn-consistency", "#dlg-check")
        assert page.locator("#consistency-issues td:text-is('不可跳过')").count() == 0
    modal_ok(page, "#btn-summary", "#dlg-summary", vat_transfer_out="0.00", ending_credit="")
    assert page.locator("#summary-table tbody tr").count() == 19
    shot(f"{prefix}-summary")
    modal_ok(page, "#btn-generate", "#dlg-package")
    # The job leaves the package 待签名; the page has the browser's card sign its digest.
    signed = page.locator(".alert-success", has_text="已使用IC卡 CK4403960001 签名")
    signed.wait_for()
    open_generate(page, base)
    page.locator('#batches input[name="batch"]').first.check()
    self_check_and_refresh(page)


def test_declaration_chain_in_the_browser(live_server, page, shot, world):
    base = live_server.url
    planned_rate_on_file(world)
    collect(world, PERIOD, date(2026, 9, 1), date(2026, 9, 30))
    originals = type_mistakes(world)
    declare_again(world)
    card_sign_in(page, base, world.card_file)
    page.wait_for_url("**/ckts/")
    assert page.locator("#card-status").inner_text().strip() == "已插卡 CK4403960001"
    page.click("text=退税申报")
    page.click("text=数据申报")
    page.click(".menu-link:has-text('生成退税申报数据')")
    page.wait_for_timeout(800)
    shot("decl-01-shell-tab")

    generate_and_self_check(page, base, shot, "decl-02", check=False)
    row = page.locator("#batches tbody tr").first
    assert row.locator(".batch-status").inner_text() == "有不可跳过疑点"
    shot("decl-03-blocked")
    page.click("#tab-doubts-btn")
    assert page.locator("#doubts tbody tr[data-code]").count() > 0
    shot("decl-04-doubts")

    page.goto(base + "/ckts/mdt/revoke/")
    page.once("dialog", lambda d: d.accept())
    page.locator(".btn-revoke").first.click()
    page.wait_for_load_state("networkidle")
    assert "已撤销" in page.locator("#revoke-batches").inner_text()
    shot("decl-05-revoked")
    fix_doubts(world, originals, DeclarationBatch.objects.get(status="revoked"))

    generate_and_self_check(page, base, shot, "decl-06")
    row = page.locator("#batches tbody tr").first
    shot("decl-06-checked")
    assert row.locator(".batch-status").inner_text() == "自检完成", page.locator(
        "#batches"
    ).inner_text()
    row.locator(".btn-confirm").click()
    page.locator(".dlg-confirm.show .btn-confirm-ok").click()  # 确认申报 asks first
    page.locator(".alert-success", has_text="已确认申报").wait_for()
    page.click("#btn-refresh")
    page.locator(".alert-info", has_text="自检状态已刷新").wait_for()
    assert (
        page.locator("#batches tbody tr").first.locator(".batch-status").inner_text() == "审核通过"
    )
    shot("decl-07-passed")

    page.goto(base + "/ckts/mdt/query/")
    assert page.locator("#query-table tr.differs").count() == 0
    assert page.locator("#query-table td.approved").first.inner_text() != "—"
    shot("decl-08-query")
    page.goto(base + "/ckts/mdt/print/")
    shot("decl-09-print")
    # The test settings run jobs in the request: the navigation waits for the whole PDF, which
    # takes a while on a shared machine.
    with page.expect_navigation(timeout=120_000):
        page.click('#print-batches .print-job[data-form="detail"]', timeout=120_000)
    page.wait_for_selector("#print-download")
    assert page.locator(".job-progress").get_attribute("data-status") == "succeeded"
    assert "100%" in page.locator(".job-progress").inner_text()
    shot("decl-09-print-job")
    pdf = page.request.get(base + page.locator("#print-download").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    batch = DeclarationBatch.objects.get(status="passed")
    page.goto(f"{base}/ckts/declarations/batches/{batch.pk}/print/?form=detail")
    shot("decl-10-print-detail-preview")
    page.goto(f"{base}/ckts/declarations/batches/{batch.pk}/print/?form=summary")
    shot("decl-10-print-summary-preview")
    page.goto(f"{base}/ckts/declarations/batches/{batch.pk}/")
    assert page.locator("#history .to-state").count() >= 4
    shot("decl-11-batch-history")
