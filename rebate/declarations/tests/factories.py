"""Rows of the declarations app for tests, and their place in the tenant-isolation harness."""

from __future__ import annotations

import itertools
from typing import Any

from django.urls import reverse

from rebate.accounts.tests.cards import held
from rebate.core.testing import isolation
from rebate.declarations import services
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import (
    ConsistencyIssue,
    ConsistencyRun,
    DeclarationBatch,
    Doubt,
    FeedbackFile,
    ReviewedLine,
    ReviewRecord,
)

_seq = itertools.count(1)


def make_batch(enterprise: Any, **overrides: Any) -> DeclarationBatch:
    n = next(_seq)
    values: dict[str, Any] = {
        "family": "mdt",
        "business_code": "A0305001",
        "period": f"20{10 + n % 80:02d}01",
        "batch_no": "01",
        "status": BatchStatus.GENERATED,
        "package_name": f"{enterprise.customs_code}_202501_scsb.xml",
        "package_path": f"{enterprise.pk}/none.xml",
        "package_digest": "0" * 64,
        "card_no": "CK0000000001",
    }
    values.update(overrides)
    return DeclarationBatch.objects.create(enterprise=enterprise, **values)


def make_doubt(enterprise: Any) -> Doubt:
    return Doubt.objects.create(
        enterprise=enterprise,
        batch=make_batch(enterprise),
        code="MDT_CKHW_BGD_WDZXX",
        level="E",
        skippable=False,
        message="无海关电子信息",
        table="TSSB",
        line_no="0001",
    )


def make_run(enterprise: Any) -> ConsistencyRun:
    return ConsistencyRun.objects.create(enterprise=enterprise, family="mdt", period="202501")


def make_issue(enterprise: Any) -> ConsistencyIssue:
    return ConsistencyIssue.objects.create(
        enterprise=enterprise,
        run=make_run(enterprise),
        code="LOCAL_RATE_MISMATCH",
        level="E",
        skippable=False,
        message="退税率不一致",
        table="TSSB",
    )


def make_feedback_file(enterprise: Any) -> FeedbackFile:
    return FeedbackFile.objects.create(
        enterprise=enterprise, kind="review", digest=f"{next(_seq):064d}", source="upload"
    )


def make_review(enterprise: Any) -> ReviewRecord:
    return ReviewRecord.objects.create(
        enterprise=enterprise,
        family="mdt",
        business_code="A0305001",
        period="202501",
        receipt_no=f"R{next(_seq):08d}",
        result="passed",
    )


def make_reviewed_line(enterprise: Any) -> ReviewedLine:
    return ReviewedLine.objects.create(
        enterprise=enterprise,
        review=make_review(enterprise),
        line_no="0001",
        item_key="440320250000000001001",
        figures={"quantity": "1", "fob_usd": "1.00", "fob_cny": "7.00"},
    )


BATCH_URLS = [
    "declarations:batch_detail",
    "declarations:confirm",
    "declarations:sign",
    "declarations:revoke_batch",
    "declarations:download",
    "declarations:print_form",
    "declarations:print_job",
]
isolation.register(DeclarationBatch, make=make_batch, urls=BATCH_URLS)
isolation.exempt_url(  # the harness registers Job (a core model) with core's URLs only
    "declarations:print_download",
    "a print Job's pk: another enterprise's 404 is asserted in test_print",
)
isolation.register(Doubt, make=make_doubt)
isolation.register(ConsistencyRun, make=make_run)
isolation.register(ConsistencyIssue, make=make_issue)
isolation.register(FeedbackFile, make=make_feedback_file)
isolation.register(ReviewRecord, make=make_review, urls=["declarations:review_detail"])
isolation.register(ReviewedLine, make=make_reviewed_line)


def generate_unsigned(clerk: Any, period: str, *, family: str = "mdt", business: str = "") -> Any:
    """生成申报数据 as the job does: the batch waits for the card's signature."""
    return services.batch_generate(
        enterprise=clerk.enterprise,
        actor=clerk,
        family=family,
        period=period,
        card_no=clerk.card.card_no,
        business=business,
    )


def generate_signed(clerk: Any, period: str, *, family: str = "mdt", business: str = "") -> Any:
    """生成申报数据, then the clerk's card signs the digest as the browser does."""
    batch = generate_unsigned(clerk, period, family=family, business=business)
    return services.batch_sign(
        enterprise=clerk.enterprise,
        actor=clerk,
        batch_id=batch.pk,
        signed=held(clerk.card.card_no).sign_package(batch.package_digest),
    )


def sign_in_browser(client: Any, card: Any, batch: Any, *, follow: bool = False) -> Any:
    """IC卡签名 as the page does it: the held card signs the batch's package digest and the
    browser posts the signature to declarations:sign. Returns the response."""
    signed = card.sign_package(batch.package_digest)
    return client.post(
        reverse("declarations:sign", args=[batch.pk]),
        {"card_no": signed.card_no, "card_text": signed.text, "card_signature": signed.signature},
        follow=follow,
    )
