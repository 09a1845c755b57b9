"""The generate page of a family registered only in tests (tests/families/yearly) at 1366×768:
its 申报年 bar, the 生成申报数据 dialog's 申报年 and its batch list with the family's own figure
column (金额合计), no 所属期 and no 免抵退 column or button anywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.declarations.choices import BatchStatus
from rebate.declarations.tests.factories import make_batch
from tests.e2e.test_goods import sign_in
from tests.families.yearly.tests.factories import make_line

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_yearly_familys_generate_page(live_server, laptop, shot) -> None:
    page = laptop
    user = make_user(password="pw-Test-2026")
    e = user.enterprise
    make_line(e, period="2025", status="declared")
    make_line(e, period="2026", sequence_no="0001")
    make_batch(
        e, family="testyearly", business_code="T0401001", period="2025", status=BatchStatus.PASSED,
        package_name=f"{e.customs_code}_2025_tndsb.xml", figures={"amount_total": "98000.00"},
        line_count=12, receipt_no="R2025000001",
    )  # fmt: skip
    make_batch(
        e, family="testyearly", business_code="T0401001", period="2026",
        status=BatchStatus.GENERATED, package_name=f"{e.customs_code}_2026_tndsb.xml",
        figures={"amount_total": "1250.50"}, line_count=2,
    )  # fmt: skip
    sign_in(page, live_server, user)
    url = reverse("declarations:family_generate", kwargs={"family": "testyearly"})
    page.goto(f"{live_server.url}{url}?period=2026")
    page.wait_for_selector("#batches")
    assert page.locator('label[for="id_period"]').inner_text() == "申报年"
    headers = page.locator("#batches thead th").all_inner_texts()
    assert "申报年" in headers and "金额合计" in headers and "所属期" not in headers
    assert not {"免抵退税额", "应退税额"} & set(headers)
    rows = page.locator("#batches tbody tr")
    assert rows.count() == 2
    assert "1250.50" in rows.first.inner_text() and "98000.00" in rows.nth(1).inner_text()
    # The family has neither 生成汇总数据 nor 数据一致性检查: no button, no result section
    assert page.locator("#btn-summary, #btn-consistency, #consistency-result").count() == 0
    shot("yearly-01-generate-page")

    page.click("#btn-generate")  # the heading reads 生成申报数据 too
    dialog = page.locator(".modal.show")
    dialog.wait_for()
    assert "申报年" in dialog.inner_text()
    shot("yearly-02-generate-dialog")
