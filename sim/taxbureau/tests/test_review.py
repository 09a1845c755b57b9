"""The bureau reviews a 免抵退 declaration from its own data (review_mdt), it does not copy it:
approve, approve with 审核调整 (the difference and its reason in the feedback), or return with
reasons; 应退税额 = min(its row 15, the filed VAT return's 期末留抵)."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

from rebate.calc.periods import Period
from rebate.integrations.wire.feedback.reader import read_review
from sim.generator.packages import clean_lines, reference_package, renumber
from sim.generator.testing import SMALL
from sim.taxbureau.models import RateRow, Status, Submission, VatReturn

from .helpers import get, package, post, submit

CODE, PERIOD = SMALL.customs_code, "202609"


def _declare(client, meanwhile=None, lines=None) -> Submission:
    """The enterprise's clean package (or one of ``lines``), built from what is filed now;
    ``meanwhile`` runs after its self-check and before 确认申报."""
    if lines is None:
        filename, data = package(CODE, PERIOD, clean=True)
    else:
        filename, data = reference_package(CODE, Period.parse(PERIOD), lines)
    number = submit(client, CODE, filename, data).json()["receipt_no"]
    assert get(client, CODE, f"/packages/{number}").json()["status"] == Status.CHECKED
    if meanwhile is not None:
        meanwhile()
    post(client, CODE, f"/packages/{number}/declare")
    return Submission.objects.get(receipt_no=number)


def _feedback(client):
    document = get(client, CODE, "/feedback/review", business="A0305001", period=PERIOD)
    return read_review(io.BytesIO(document.content)).declarations[-1]


def _row(submission: Submission, number: int) -> Decimal:
    return Decimal(submission.summary[str(number)][0])


def test_a_declaration_that_agrees_is_approved_as_declared(client, seeded_db):
    submission = _declare(client)
    assert submission.status == Status.PASSED and submission.reasons == ""
    result = _feedback(client)
    assert result.adjustment is None and result.reasons == ""
    assert result.refund == _row(submission, 18) and result.exempt_credit == _row(submission, 19)
    credit = VatReturn.objects.get(enterprise__customs_code=CODE, period=PERIOD).ending_credit
    assert result.refund == min(_row(submission, 15), credit)


def test_the_bureau_adjusts_to_its_vat_return_with_the_reason(client, seeded_db):
    filed = VatReturn.objects.get(enterprise__customs_code=CODE, period=PERIOD)
    declared_credit = filed.ending_credit

    def corrected() -> None:  # an 更正 of the VAT return after the package was built
        filed.ending_credit = Decimal("1000.00")
        filed.save()

    submission = _declare(client, corrected)
    declared_18 = _row(submission, 18)
    assert _row(submission, 17) == declared_credit and declared_18 > Decimal("1000.00")
    result = _feedback(client)
    assert result.result == Status.PASSED
    assert (result.refund, result.adjustment) == (
        Decimal("1000.00"),
        Decimal("1000.00") - declared_18,
    )
    assert result.exempt_credit == _row(submission, 15) - Decimal("1000.00")
    assert (
        f"增值税纳税申报表期末留抵税额为1000.00（汇总表第17栏申报{declared_credit}）"
        in result.reasons
    )
    assert f"审核调整应退税额{result.adjustment}：申报{declared_18}，核准1000.00" in result.reasons


def test_without_the_vat_return_a_2026_period_is_returned(client, seeded_db):
    submission = _declare(
        client, VatReturn.objects.filter(enterprise__customs_code=CODE, period=PERIOD).delete
    )
    assert submission.status == Status.RETURNED
    result = _feedback(client)
    assert result.result == Status.RETURNED and result.refund is None
    assert "所属期202609未申报增值税纳税申报表，不能审核免抵退税" in result.reasons


def test_a_line_declared_at_another_rate_is_recomputed_at_the_bureaus_library(client, seeded_db):
    """The bureau recomputes row 11 at its own 文库's rates on each line's 出口日期, not at the
    declared ones: a line declared at 退税率 +4 points is adjusted, the reason naming its code."""
    clean = clean_lines(CODE, Period.parse(PERIOD))
    wrong = clean[0]
    own = RateRow.objects.get(code=wrong.commodity_code).rebate_rate
    declared = renumber([replace(wrong, rebate_rate=own + Decimal("0.04")), *clean[1:]])
    submission = _declare(client, lines=declared)
    assert submission.status == Status.PASSED
    result = _feedback(client)
    expected_11 = sum((line.exempt_credit_refund for line in clean), Decimal("0.00"))
    declared_11 = _row(submission, 11)
    assert (
        declared_11
        == expected_11 + declared[0].exempt_credit_refund - clean[0].exempt_credit_refund
    )
    assert result.exempt_credit_refund == expected_11 < declared_11
    credit = VatReturn.objects.get(enterprise__customs_code=CODE, period=PERIOD).ending_credit
    assert result.refund == min(expected_11, credit)
    if result.refund != _row(submission, 18):
        assert result.adjustment == result.refund - _row(submission, 18)
    percent = f"{(own * 100).normalize():f}%"
    declared_percent = f"{((own + Decimal('0.04')) * 100).normalize():f}%"
    assert (
        f"按税务机关出口报关单电子信息和退税率文库计算的免抵退税额为{expected_11}（申报{declared_11}）"
        in result.reasons
    )
    assert (
        f"第0001行出口商品代码{wrong.commodity_code}（出口日期{wrong.export_date:%Y-%m-%d}）"
        f"退税率申报{declared_percent}、文库{percent}，按税务机关退税率文库计算" in result.reasons
    )
