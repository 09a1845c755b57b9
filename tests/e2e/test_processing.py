"""进料加工核销 in the browser at 1366×768 (issue 16). 计划分配率备案 walks the family's step
table: 新建 (tab 备案) → 生成进料申报数据 (the business chosen, the card signs) → 远程申报
(上传成功, no self-check) → 进料审核结果下载 (审核通过) → 数据查询; a 变更 without its reason is
refused at the field; 加贸反馈 lists a closed manual; 生成退税申报数据 shows the overdue 核销 rule.
Screenshots: test-output/e2e/."""

from __future__ import annotations

import pytest

from rebate.accounts.services import card_bind
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.processing.models import PlannedRateChange
from rebate.processing.tests.factories import make_feedback
from tests.e2e.declaring import file_vat_return
from tests.e2e.settled import modal_shown
from tests.e2e.test_declarations import card_sign_in
from tests.integration.conftest import issue_card_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CODE, CARD = "4403960J02", "CK4403960J02"


@pytest.fixture
def clerk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    enterprise = onboard_at_eport(make_enterprise(customs_code=CODE))
    user = make_user(enterprise, with_card=False, password="pw-Test-2026")
    user.card_file = issue_card_file(tmp_path / "card.json", customs_code=CODE, card_no=CARD)
    card_bind(user=user, card_no=CARD, signed=None)
    return user


def test_a_planned_rate_filing_walks_the_step_table(live_server, laptop, shot, clerk) -> None:
    base, page = live_server.url, laptop
    card_sign_in(page, base, clerk.card_file)
    page.wait_for_url("**/ckts/")
    page.goto(base + "/ckts/jl/plannedrate/")
    assert page.locator(".record-tabs .active").inner_text() == "计划分配率备案"
    page.click("#btn-add")
    page.fill("#id_period", "202601")
    page.fill("#id_manual_no", "C44039600021")
    page.fill("#id_planned_imports", "6500000.00")
    page.fill("#id_planned_exports", "10000000.00")
    page.fill("#id_valid_from", "2026-01-01")
    shot("processing-01-filing-form")
    page.click("#btn-save")
    page.locator(".alert-success", has_text="保存成功").wait_for()
    shot("processing-01b-filing-saved")
    assert page.input_value("#id_planned_rate") == "0.650000"

    page.goto(base + "/ckts/jl/generate/?period=202601")
    assert page.locator("h1, .page-title").first.inner_text().strip().startswith("生成进料申报数据")
    page.click("#btn-generate")
    modal_shown(page, "#dlg-package")
    page.select_option('#dlg-package [name="business"]', "A0307001")
    if page.locator('#dlg-package [name="period"]').count():
        page.fill('#dlg-package [name="period"]', "202601")
    shot("processing-02-generate-dialog")
    page.click("#dlg-package-ok")
    page.locator(".alert-success", has_text=f"已使用IC卡 {CARD} 签名").wait_for()
    page.goto(base + "/ckts/jl/generate/?period=202601")
    assert page.locator("#btn-self-check").count() == 0  # 进料: no self-check
    page.locator('#batches input[name="batch"]').first.check()
    page.click("#btn-upload")
    page.locator(".alert-success", has_text="远程申报上传成功").wait_for()
    row = page.locator("#batches tbody tr").first.inner_text()
    assert "上传成功" in row and f"{CODE}_202601_jlba.xml" in row
    shot("processing-03-uploaded")

    page.goto(base + "/ckts/jl/feedback/download/")
    page.fill('[name="period"]', "202601")
    page.click("#btn-apply-download")
    page.wait_for_load_state("networkidle")
    shot("processing-04-review-downloaded")
    page.goto(base + "/ckts/jl/generate/?period=202601")
    assert "审核通过" in page.locator("#batches tbody tr").first.inner_text()
    page.goto(base + "/ckts/jl/query/")
    shot("processing-05-query")


def test_bad_change_feedback_and_the_overdue_rule(live_server, laptop, shot, clerk) -> None:
    base, page = live_server.url, laptop
    make_feedback(clerk.enterprise)  # customs closed the manual in 2025: due by 2026-04-20
    card_sign_in(page, base, clerk.card_file)
    page.wait_for_url("**/ckts/")
    page.goto(base + "/ckts/jl/plannedratechange/add/")
    page.fill("#id_period", "202605")
    page.fill("#id_new_rate", "58")
    page.fill("#id_valid_from", "2026-05-01")
    page.click("#btn-save")
    page.wait_for_load_state("networkidle")
    html = page.content()
    assert "分配率应为0至1之间的小数" in html and "变更原因" in html
    assert not PlannedRateChange.objects.exists()
    shot("processing-06-change-refused")
    page.goto(base + "/ckts/jl/jmfeedback/download/")
    assert "C44039600001" in page.locator("#feedback-manuals").inner_text()
    shot("processing-07-trade-feedback")
    file_vat_return(CODE, "202611")  # the Art. 15 gate passes: the 核销 date is the rule shown
    page.goto(base + "/ckts/mdt/generate/?period=202611")
    notice = page.locator("[data-gate]").first.inner_text()
    assert "进料加工核销逾期" in notice and "C44039600001" in notice
    shot("processing-08-mdt-gated")
