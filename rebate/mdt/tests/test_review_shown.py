"""The bureau's three answers to a 免抵退 declaration as the product shows them: approved as
declared, approved with 审核调整 (approved against expected 应退税额, the difference and its reason)
and returned with its reasons — on the batch, the review and the 数据查询 pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from rebate.declarations import services
from rebate.declarations.choices import BatchStatus
from rebate.declarations.tests.conftest import PERIOD
from rebate.declarations.tests.factories import generate_signed
from rebate.integrations.wire import feedback as wire
from rebate.mdt import services as mdt_services

pytestmark = pytest.mark.django_db
D = Decimal


def _reviewed(clerk, bureau):
    """生成 → 数据自检 → 确认申报 → the review read in (所属期 202503: 100000.00 expected)."""
    e = clerk.enterprise
    mdt_services.summary_generate(
        enterprise=e, actor=clerk, period=PERIOD, vat_transfer_out=D("60000.00"),
        ending_credit=D("100000.00"),
    )  # fmt: skip
    batch = generate_signed(clerk, PERIOD)
    services.batch_self_check(enterprise=e, actor=clerk, batch_id=batch.pk)
    bureau.finish_self_check()
    services.refresh_pending(enterprise=e, actor=clerk, family="mdt")
    services.batch_confirm(enterprise=e, actor=clerk, batch_id=batch.pk)
    bureau.review()
    services.refresh_pending(enterprise=e, actor=clerk, family="mdt")
    batch.refresh_from_db()
    return batch


def _pages(client, clerk, batch) -> tuple[str, str, str]:
    client.force_login(clerk)
    review = batch.reviews.get()
    return (
        client.get(reverse("declarations:batch_detail", args=[batch.pk])).content.decode(),
        client.get(reverse("declarations:review_detail", args=[review.pk])).content.decode(),
        client.get(reverse("mdt:query")).content.decode(),
    )


def _row_tail(html: str, label: str) -> str:
    """The query table's cells after ``label`` up to the end of its row."""
    table = html.split('id="query-table"')[1]
    return table.split(f"<td>{label}</td>", 1)[1].split("</tr>", 1)[0]


def _refund_row(approved: Decimal, verdict: str) -> str:
    verdict = f"<strong>{verdict}</strong>" if verdict == "有差异" else verdict
    return (
        f'应退税额</td><td class="num declared">100000.00</td>'
        f'<td class="num approved">{approved}</td><td class="num">{verdict}</td>'
    )


def test_approved_as_declared(client, clerk, lines, bureau):
    lines()
    batch = _reviewed(clerk, bureau)
    assert batch.status == BatchStatus.PASSED
    review = batch.reviews.get()
    assert review.figure("refund_due") == batch.figure("refund_due") == D("100000.00")
    assert review.figure("adjustment") is None and review.reasons == ""
    _, detail, query = _pages(client, clerk, batch)
    assert "审核意见</th>" not in detail and "退回原因</th>" not in detail
    assert "应退税额</td>" + _row_tail(query, "应退税额") == _refund_row(D("100000.00"), "一致")


def test_approved_with_adjustment_shows_expected_approved_and_reason(client, clerk, lines, bureau):
    lines()
    bureau.adjustment = D("-40000.00")
    bureau.reasons = "增值税纳税申报表期末留抵税额为60000.00（汇总表第17栏申报100000.00）"
    batch = _reviewed(clerk, bureau)
    assert batch.status == BatchStatus.PASSED
    review = batch.reviews.get()
    assert batch.figure("refund_due") == D("100000.00")  # expected: our 汇总表 row 18
    assert review.figure("refund_due") == D("60000.00")  # approved
    assert review.figure("adjustment") == D("-40000.00") and review.reasons == bureau.reasons
    page, detail, query = _pages(client, clerk, batch)
    assert "审核调整额" in detail and "-40000.00" in detail
    assert "审核意见" in detail and bureau.reasons in detail
    for html in (page, query):  # declared against approved, with the bureau's reason
        assert "应退税额</td>" + _row_tail(html, "应退税额") == _refund_row(D("60000.00"), "有差异")
        assert bureau.reasons in html.split('id="query-table"')[1]


def test_returned_with_reasons(client, clerk, lines, bureau):
    lines()
    bureau.review_result = wire.RETURNED
    bureau.reasons = "所属期202503未申报增值税纳税申报表，不能审核免抵退税"
    batch = _reviewed(clerk, bureau)
    assert batch.status == BatchStatus.RETURNED and batch.bureau_reasons == bureau.reasons
    page, detail, query = _pages(client, clerk, batch)
    assert "退回原因" in detail and bureau.reasons in detail
    assert bureau.reasons in page and bureau.reasons in query
