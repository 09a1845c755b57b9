"""退税到账跟踪: expected 100000.00 (our 汇总), approved 60000.00 after a 审核调整 of
-40000.00, received by hand and from a bank statement; the gap and its reasons; bad statements
refused whole."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from rebate.declarations.tests.conftest import PERIOD
from rebate.declarations.tests.factories import generate_signed
from rebate.mdt import services as mdt_services
from rebate.mdt.tests.test_review_shown import _reviewed as reviewed
from rebate.refunds import selectors
from rebate.refunds.models import ReceivedRefund, ReceivedSource

pytestmark = pytest.mark.django_db
D = Decimal
CUT = Decimal("-40000.00")
REASON = "增值税纳税申报表期末留抵税额为60000.00（汇总表第17栏申报100000.00）"


def _approved(clerk, bureau, adjustment: Decimal | None = CUT):
    """生成 → 自检 → 确认申报 → the bureau's review read in (202503: 100000.00 expected)."""
    if adjustment is not None:
        bureau.adjustment, bureau.reasons = adjustment, REASON
    return reviewed(clerk, bureau)


def _csv(text: str, name: str = "流水.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8-sig"))


def _xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("流水.xlsx", out.getvalue())


def test_entered_and_imported_received_close_the_gap(client, clerk, lines, bureau):
    lines()
    batch = _approved(clerk, bureau)
    client.force_login(clerk)
    url = reverse("refunds:batch", args=[batch.pk])
    [row] = selectors.tracking(clerk.enterprise)
    assert (row.expected, row.approved, row.adjustment) == (
        D("100000.00"),
        D("60000.00"),
        D("-40000.00"),
    )
    assert row.gap_reasons == [f"审核调整-40000.00：{REASON}", "未到账60000.00"]

    entered = {"received_on": "2026-04-20", "amount": "25000.50", "summary": "退税款"}
    response = client.post(url, {"action": "received", "batch": batch.pk, **entered})
    assert response.status_code == 302
    statement = _xlsx([("日期", "金额", "摘要"), ("2026-04-28", "30,000.00", "出口退税 202503"),
                       (None, None, None), ("2026/05/06", 4999.5, "出口退税 补")])  # fmt: skip
    response = client.post(url, {"action": "statement", "batch": batch.pk, "file": statement})
    assert response.status_code == 302
    rows = ReceivedRefund.objects.filter(batch=batch).order_by("received_on")
    assert [(str(r.received_on), r.amount, r.source) for r in rows] == [
        ("2026-04-20", D("25000.50"), ReceivedSource.ENTERED),
        ("2026-04-28", D("30000.00"), ReceivedSource.STATEMENT),
        ("2026-05-06", D("4999.50"), ReceivedSource.STATEMENT),
    ]
    [row] = selectors.tracking(clerk.enterprise)
    assert row.received == D("60000.00") and row.gap == D("40000.00")
    assert row.gap_reasons == [f"审核调整-40000.00：{REASON}"]  # the gap is the bureau's cut only
    page = client.get(reverse("refunds:tracking")).content.decode()
    assert '<td class="num received">60000.00</td><td class="num gap">40000.00</td>' in page
    assert REASON in page
    detail = client.get(reverse("declarations:batch_detail", args=[batch.pk])).content.decode()
    assert f'href="{url}"' in detail


def test_not_yet_approved_batch_waits(client, clerk, lines, bureau):
    lines()
    e = clerk.enterprise
    mdt_services.summary_generate(
        enterprise=e, actor=clerk, period=PERIOD, vat_transfer_out=D("60000.00"),
        ending_credit=D("100000.00"),
    )  # fmt: skip
    generate_signed(clerk, PERIOD)
    [row] = selectors.tracking(e)
    assert row.approved is None and row.gap == D("100000.00")
    assert row.gap_reasons == ["待审核，未到账100000.00"]


def test_bad_statement_is_refused_whole_with_row_errors(client, clerk, lines, bureau):
    lines()
    batch = _approved(clerk, bureau, adjustment=None)
    client.force_login(clerk)
    url = reverse("refunds:batch", args=[batch.pk])
    text = (
        "日期,金额,摘要\n2026-04-20,1000.00,退税\n2026-13-01,50,坏日期\n"
        "2026-04-21,-5,负数\n2026-04-22,1.005,三位小数\n"
    )
    response = client.post(url, {"action": "statement", "batch": batch.pk, "file": _csv(text)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "第3行：日期“2026-13-01”格式不正确" in html
    assert "第4行：金额“-5”应为大于0、最多两位小数的数字" in html
    assert "第5行：金额“1.005”" in html
    assert not ReceivedRefund.objects.exists()  # the good row 2 was not kept either
    for upload, message in (
        (_csv("日期,金额\n2026-04-20,1\n"), "缺少列“摘要”"),
        (SimpleUploadedFile("流水.txt", b"x"), "文件格式不正确"),
        (_csv("日期,金额,摘要\n" + "2026-04-20,1,x\n" * 1001), "一次最多导入1000行"),
        (_csv("日期,金额,摘要\n" + "x" * (2 * 1024 * 1024)), "文件过大"),
    ):
        response = client.post(url, {"action": "statement", "batch": batch.pk, "file": upload})
        assert response.status_code == 400 and message in response.content.decode(), message
    response = client.post(
        url, {"action": "received", "batch": batch.pk, "received_on": "", "amount": "0"}
    )
    assert response.status_code == 400 and "到账金额应大于0" in response.content.decode()
    assert not ReceivedRefund.objects.exists()
    [row] = selectors.tracking(clerk.enterprise)
    assert row.approved == row.expected == D("100000.00") and row.gap_reasons == ["未到账100000.00"]
