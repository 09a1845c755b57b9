"""The family's pages: tabs per business, 新建 with bad input refused at the field, 加贸反馈
反馈读入 of a file and 生成核销表 — through the views."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rebate.integrations.wire.feedback import ManualFeedback, ManualRecord, writer

from ..models import FeedbackManual, PlannedRate, PlannedRateChange, Writeoff
from .conftest import CODE

pytestmark = pytest.mark.django_db
MANUAL = "C44039600007"


@pytest.fixture
def page(client, clerk):
    client.force_login(clerk)
    return client


def feedback_file(code: str = CODE) -> bytes:
    out = io.BytesIO()
    records = (
        ManualRecord("I", "0615", Decimal("600000.00"), "530120250000000001", 1),
        ManualRecord("E", "0664", Decimal("10000.00")),
        ManualRecord("E", "0615", Decimal("1000000.00")),
    )
    manual = ManualFeedback(
        MANUAL, date(2025, 1, 1), date(2025, 6, 30), date(2025, 7, 25),
        Decimal("590000.00"), Decimal("1000000.00"), Decimal("0.590000"), records,
    )  # fmt: skip
    writer.write_processing(out, customs_code=code, year=2025, manuals=[manual])
    return out.getvalue()


def test_planned_rate_tabs_and_new_with_bad_input(page):
    html = page.get(reverse("processing:plannedrate_list")).content.decode()
    assert "计划分配率备案" in html and "计划分配率变更" in html and 'id="tab-2"' in html
    data = {"period": "202601", "manual_no": "HB-001", "planned_imports": "650",
            "planned_exports": "1000", "valid_from": "2026-01-01"}  # fmt: skip
    html = page.post(reverse("processing:plannedrate_add"), data).content.decode()
    assert "手（账）册号应为海关编号格式" in html and not PlannedRate.objects.exists()
    data = {"period": "202605", "new_rate": "0.58", "valid_from": "2026-05-01", "reason": ""}
    html = page.post(reverse("processing:plannedratechange_add"), data).content.decode()
    assert "变更原因" in html and "必填" in html and not PlannedRateChange.objects.exists()
    data["reason"], data["new_rate"] = "调整", "58"
    html = page.post(reverse("processing:plannedratechange_add"), data).content.decode()
    assert "分配率应为0至1之间的小数" in html and not PlannedRateChange.objects.exists()
    data["new_rate"] = "0.58"
    assert page.post(reverse("processing:plannedratechange_add"), data).status_code == 302
    assert PlannedRateChange.objects.get().new_rate == Decimal("0.580000")


def test_trade_feedback_read_from_a_file_then_the_write_off_prefilled(page):
    url = reverse("processing:jmfeedback_upload")
    bad = SimpleUploadedFile("x.xml", b"<ReviewFeedback/>", content_type="text/xml")
    assert "不是加贸反馈" in page.post(url, {"file": bad}).content.decode()
    other = SimpleUploadedFile("f.xml", feedback_file("4403960X99"), content_type="text/xml")
    assert "与本企业" in page.post(url, {"file": other}).content.decode()
    assert not FeedbackManual.objects.exists()
    good = SimpleUploadedFile("f.xml", feedback_file(), content_type="text/xml")
    assert page.post(url, {"file": good}).status_code == 302
    manual = FeedbackManual.objects.get()
    assert manual.records.count() == 3 and manual.actual_rate == Decimal("0.590000")
    assert MANUAL in page.get(url).content.decode()

    prefill = reverse("processing:writeoff_prefill")
    assert (
        "没有加贸反馈数据"
        in page.post(prefill, {"period": "202604", "year": "2024"}).content.decode()
    )
    response = page.post(prefill, {"period": "202604", "year": "2025"})
    assert response.status_code == 302 and response.url == reverse("processing:writeoff_list")
    row = Writeoff.objects.get()
    # (600,000 − 10,000) ÷ 1,000,000 from the records; nothing declared under the manual yet
    assert (row.manual_no, row.actual_rate, row.declared_exports) == (
        MANUAL, Decimal("0.590000"), Decimal("0.00"),
    )  # fmt: skip
    html = page.get(reverse("processing:writeoff_list")).content.decode()
    assert "生成核销表" in html and "已核销手（账）册海关数据调整表" in html
