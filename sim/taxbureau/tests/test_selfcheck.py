"""The bureau's asynchronous self-check finds exactly what the generator planted."""

from __future__ import annotations

import io
from collections import Counter

import pytest

from rebate.integrations.wire.feedback.reader import read_doubts
from sim.generator.testing import SMALL
from sim.taxbureau.models import Enterprise, Status, Submission

from .helpers import get, package, planted, post, submit

CODE = SMALL.customs_code


@pytest.mark.parametrize("period", ["202609", "202610"])
def test_self_check_finds_exactly_the_planted_doubts(client, seeded_db, period):
    filename, data = package(CODE, period)
    receipt = submit(client, CODE, filename, data)
    assert receipt.status_code == 202, receipt.content
    assert receipt.json()["status"] == Status.CHECKING
    number = receipt.json()["receipt_no"]
    status = get(client, CODE, f"/packages/{number}").json()
    assert status["status"] == Status.BLOCKED
    doubts = read_doubts(io.BytesIO(get(client, CODE, f"/packages/{number}/doubts").content))
    found = Counter((d.item_key, d.code) for d in doubts.doubts)
    assert found == planted(CODE, period)
    assert status["doubt_count"] == sum(found.values())


def test_clean_package_passes_review_with_amounts(client, seeded_db):
    filename, data = package(CODE, "202609", clean=True)
    number = submit(client, CODE, filename, data).json()["receipt_no"]
    assert get(client, CODE, f"/packages/{number}").json()["status"] == Status.CHECKED
    declared = post(client, CODE, f"/packages/{number}/declare")
    assert declared.status_code == 200 and declared.json()["status"] == Status.PASSED
    submission = Submission.objects.get(receipt_no=number)
    assert submission.refund is not None and submission.exempt_credit is not None
    assert submission.lines.count() == submission.line_count
    again = submit(client, CODE, filename, data)
    assert again.status_code == 409 and "已正式申报" in again.json()["error"]


def test_blocked_package_cannot_be_declared_but_can_be_revoked(client, seeded_db):
    filename, data = package(CODE, "202610")
    number = submit(client, CODE, filename, data).json()["receipt_no"]
    refused = post(client, CODE, f"/packages/{number}/declare")
    assert refused.status_code == 409 and "不可挑过" in refused.json()["error"]
    revoked = post(client, CODE, f"/packages/{number}/revoke", '{"reason": "更正"}'.encode())
    assert revoked.json()["status"] == Status.REVOKED


def test_forced_return_and_review_delay(client, seeded_db):
    Enterprise.objects.filter(customs_code=CODE).update(
        force_return_reason="单证不齐，请补正", review_delay_seconds=0
    )
    filename, data = package(CODE, "202609", clean=True)
    number = submit(client, CODE, filename, data).json()["receipt_no"]
    get(client, CODE, f"/packages/{number}")
    returned = post(client, CODE, f"/packages/{number}/declare").json()
    assert returned["status"] == Status.RETURNED and returned["reasons"] == "单证不齐，请补正"


def test_self_check_delay_keeps_it_checking(client, seeded_db):
    Enterprise.objects.filter(customs_code=CODE).update(self_check_delay_seconds=3600)
    filename, data = package(CODE, "202609", clean=True)
    number = submit(client, CODE, filename, data).json()["receipt_no"]
    assert get(client, CODE, f"/packages/{number}").json()["status"] == Status.CHECKING
    early = get(client, CODE, f"/packages/{number}/doubts")
    assert early.status_code == 409 and "自检尚未完成" in early.json()["error"]


def test_passed_declaration_cannot_be_revoked(client, seeded_db):
    history = Submission.objects.get(enterprise__customs_code=CODE, period="202607")
    response = post(client, CODE, f"/packages/{history.receipt_no}/revoke")
    assert response.status_code == 409 and "不能撤销" in response.json()["error"]


def test_feedback_documents(client, seeded_db):
    from rebate.integrations.wire.feedback.reader import read_filings, read_review

    review = read_review(
        io.BytesIO(
            get(client, CODE, "/feedback/review", business="A0305001", period="202607").content
        )
    )
    assert [r.result for r in review.declarations] == [Status.PASSED]
    assert review.declarations[0].lines
    filings = read_filings(io.BytesIO(get(client, CODE, "/feedback/filings").content))
    assert {f.business_code for f in filings.filings} == {"A0101001", "A0307001"}
    bad = get(client, CODE, "/feedback/review", business="A0305001", period="2026-07")
    assert bad.status_code == 400
