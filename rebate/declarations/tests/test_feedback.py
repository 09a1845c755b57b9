"""反馈读入 / 退税审核结果下载: idempotent, batches reach 审核通过/税局退回, 备案信息 updated."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rebate.configuration.models import EnterpriseFiling
from rebate.declarations import services
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import FeedbackFile, ReviewedLine, ReviewRecord
from rebate.integrations.wire import feedback as wire
from rebate.integrations.wire.feedback import writer

from .test_lifecycle_flow import generate

pytestmark = pytest.mark.django_db
D = Decimal


def review_bytes(code, receipt_no, result=wire.PASSED, refund="100000.00", reasons=""):
    out = io.BytesIO()
    passed = result == wire.PASSED
    writer.write_review(
        out,
        customs_code=code,
        family="mdt",
        period="202503",
        results=[
            wire.ReviewResult(
                receipt_no=receipt_no,
                business_code="A0305001",
                period="202503",
                result=result,
                line_count=2,
                fob_usd_total=D("280000.00"),
                fob_cny_total=D("2000000.00"),
                reviewed_on=date(2025, 4, 20),
                exempt_credit_refund=D("200000.00") if passed else None,
                refund=D(refund) if passed else None,
                exempt_credit=D("100000.00") if passed else None,
                reasons=reasons,
                lines=(
                    wire.ReviewedLine(
                        "0001",
                        "530420250000000001001",
                        D("100"),
                        D("200000.00"),
                        D("1420000.00"),
                        D("142000.00"),
                    ),
                )
                if passed
                else (),
            )
        ],
    )
    return out.getvalue()


def declared(clerk, bureau):
    batch = generate(clerk)
    e = clerk.enterprise
    services.batch_self_check(enterprise=e, actor=clerk, batch_id=batch.pk)
    bureau.finish_self_check()
    services.batch_refresh(enterprise=e, actor=clerk, batch_id=batch.pk)
    services.batch_confirm(enterprise=e, actor=clerk, batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


def test_reading_the_same_feedback_twice_changes_nothing(clerk, lines, bureau):
    lines()
    batch = declared(clerk, bureau)
    data = review_bytes(clerk.enterprise.customs_code, batch.receipt_no)
    record, new = services.feedback_read(
        enterprise=clerk.enterprise, actor=clerk, data=data, filename="fk.xml"
    )
    assert new and record.changed_count == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PASSED
    review = ReviewRecord.objects.get()
    assert review.batch == batch and review.figure("refund_due") == D("100000.00")
    assert ReviewedLine.objects.count() == 1
    assert (
        "退税审核结果反馈" in EnterpriseFiling.objects.get(enterprise=clerk.enterprise).source_note
    )
    stamp = review.updated_at
    again, new = services.feedback_read(enterprise=clerk.enterprise, actor=clerk, data=data)
    assert not new and again.pk == record.pk
    assert FeedbackFile.objects.count() == 1 and ReviewRecord.objects.get().updated_at == stamp


def test_history_only_feedback_and_returned_batch(clerk, lines, bureau):
    lines()
    batch = declared(clerk, bureau)
    code = clerk.enterprise.customs_code
    services.feedback_read(
        enterprise=clerk.enterprise, actor=clerk, data=review_bytes(code, "OLD0001")
    )
    assert ReviewRecord.objects.get(receipt_no="OLD0001").batch is None  # historical data
    services.feedback_read(
        enterprise=clerk.enterprise,
        actor=clerk,
        data=review_bytes(
            code, batch.receipt_no, result=wire.RETURNED, reasons="汇总表与明细表不符"
        ),
    )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RETURNED and batch.bureau_reasons == "汇总表与明细表不符"
    services.batch_revoke(enterprise=clerk.enterprise, actor=clerk, batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.REVOKED


def test_feedback_of_another_enterprise_is_refused(clerk):
    with pytest.raises(ValidationError, match=r"与本企业.*不一致"):
        services.feedback_read(
            enterprise=clerk.enterprise, actor=clerk, data=review_bytes("4403999999", "X1")
        )
    with pytest.raises(ValidationError, match=r"格式错误|不是退税审核结果反馈"):
        services.feedback_read(enterprise=clerk.enterprise, actor=clerk, data=b"<x/>")
    assert not FeedbackFile.objects.exists()


def test_download_by_period_reads_review_and_filings(clerk, lines, bureau):
    lines()
    batch = declared(clerk, bureau)
    bureau.review()
    record, new = services.feedback_download(
        enterprise=clerk.enterprise, actor=clerk, family="mdt", period="202503"
    )
    assert new and record.source == "download"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PASSED
    _, new = services.feedback_download(
        enterprise=clerk.enterprise, actor=clerk, family="mdt", period="202503"
    )
    assert not new


def test_filing_feedback_updates_the_enterprise_filing(clerk):
    out = io.BytesIO()
    writer.write_filings(
        out,
        customs_code=clerk.enterprise.customs_code,
        filings=[
            wire.FilingRecord("A0101001", "rdxx", date(2020, 5, 6), "已备案", category="2"),
        ],
    )
    services.feedback_read(enterprise=clerk.enterprise, actor=clerk, data=out.getvalue())
    filing = EnterpriseFiling.objects.get(enterprise=clerk.enterprise)
    assert filing.filing_date == date(2020, 5, 6) and filing.category == "二类"


ENGLISH_WORDS = re.compile(r"[A-Za-z]{4,}")
UPLOAD_REFUSALS = [
    # A DOCTYPE is refused before parsing (it was 「XML格式错误：no element found」).
    (b'<?xml version="1.0"?><!DOCTYPE ReviewFeedback [<!ENTITY x "y">]>' + b" " * 2000
     + b"<ReviewFeedback>&x;</ReviewFeedback>", "XML格式错误：不允许包含DOCTYPE或实体声明"),
    (b'<ReviewFeedback xmlns="urn:other"/>', "XML不符合数据格式定义"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "start"), UPLOAD_REFUSALS)
def test_an_unreadable_feedback_file_is_refused_in_chinese(clerk, data, start):
    with pytest.raises(ValidationError) as caught:
        services.feedback_read(enterprise=clerk.enterprise, actor=clerk, data=data)
    [message] = caught.value.messages
    assert message.startswith(f"反馈文件格式错误：{start}") or message.startswith(start), message
    assert not ENGLISH_WORDS.search(message.replace("DOCTYPE", "").replace("ReviewFeedback", ""))
    assert not FeedbackFile.objects.exists()


def test_schema_and_syntax_errors_are_explained_in_chinese(clerk):
    good = review_bytes(clerk.enterprise.customs_code, "R1")
    cases = {
        good.replace(b"<LineCount>2<", "<LineCount>两<".encode()): "XML不符合数据格式定义",
        good[: len(good) // 2]: "XML",  # cut off: the schema or the syntax complains
    }
    for data, start in cases.items():
        with pytest.raises(ValidationError) as caught:
            services.feedback_read(enterprise=clerk.enterprise, actor=clerk, data=data)
        [message] = caught.value.messages
        assert message.startswith(f"反馈文件格式错误：{start}"), message
        names = r"「[^」]*」|[A-Za-z]+的值|应为[A-Za-z、]+"  # the format's own tags and values
        assert not ENGLISH_WORDS.search(re.sub(names, "", message)), message
