"""Businesses the bureau simulator learns from the wire registry, through the product's port.

Two businesses are registered here only (no simulator code is written for them): one with a
申报年 and self-check, whose doubts come from the bureau's ``DoubtRule`` rows, and one without
a period and without self-check, which is uploaded (远程申报 → 上传成功) and then reviewed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.apps import apps

from rebate.integrations.http import PartyError
from rebate.integrations.taxbureau import get_taxbureau_port
from rebate.integrations.wire import feedback
from rebate.integrations.wire.canonical import private_key_signer
from rebate.integrations.wire.package import (
    BusinessSpec,
    PackageHead,
    PeriodKind,
    Section,
    register_business,
    unregister_business,
    write_package,
)
from rebate.integrations.wire.spec import Field, Kind, RecordSpec

from .conftest import CODE, OTHER, sim_model
from .packaging import Card

RECORD = RecordSpec(
    "Record",
    "测试申报明细",
    (
        Field("sbxh", "line_no", label="申报序号", required=True, max_length=10),
        Field("hth", "contract_no", label="合同号", max_length=40),
        Field("je", "amount", Kind.AMOUNT, "金额", required=True),
    ),
)
YEARLY = BusinessSpec(
    code="T0000011", short_name="tsnd", label="测试年度申报", period_kind=PeriodKind.YEAR,
    published=False, sections=(Section("CSMX", RECORD, required=True),),
)  # fmt: skip
FILING = BusinessSpec(
    code="T0000012", short_name="tsba", label="测试备案", period_kind=PeriodKind.NONE,
    self_check=False, published=False, sections=(Section("BAMX", RECORD, required=True),),
)  # fmt: skip


def _rule(**values: object) -> None:
    apps.get_model("sim_taxbureau", "DoubtRule").objects.create(
        business_code=YEARLY.code, section="CSMX", **values
    )


@pytest.fixture
def card(seeded) -> Iterator[Card]:
    register_business(YEARLY)
    register_business(FILING)
    _rule(field_name="contract_no", operator="empty", code="TS_HTH_EMPTY", level="E",
          skippable=False, message="合同号不能为空")  # fmt: skip
    _rule(field_name="amount", operator="in", value="0,0.01", code="TS_JE_TINY", level="I",
          skippable=True, message="金额{value}过小")  # fmt: skip
    _rule(field_name="contract_no", operator="duplicate", code="TS_HTH_DUP", level="I",
          skippable=True, message="合同号{value}重复申报")  # fmt: skip
    yield Card(CODE, "CKPORT0011")
    unregister_business(YEARLY.code)
    unregister_business(FILING.code)


def _package(
    card: Card, spec: BusinessSpec, period: str, records: list[dict[str, object]]
) -> tuple[str, bytes]:
    enterprise = sim_model("Enterprise").objects.get(customs_code=CODE)
    head = PackageHead(CODE, enterprise.uscc, enterprise.name, period, spec.code, spec.short_name)
    out = io.BytesIO()
    info = write_package(
        out, head, sections={spec.main.name: records}, card_no=card.card_no,
        signer=private_key_signer(card.key),
    )  # fmt: skip
    return info.filename, out.getvalue()


def _line(number: int, contract: str, amount: str = "100.00") -> dict[str, object]:
    return {"line_no": f"{number:04d}", "contract_no": contract, "amount": Decimal(amount)}


def test_a_registered_business_gets_the_bureaus_doubt_rules_and_its_review(card):
    port = get_taxbureau_port()
    records = [_line(1, "HT-1"), _line(2, ""), _line(3, "HT-1", "0.01")]
    filename, content = _package(card, YEARLY, "2026", records)
    assert filename == f"{CODE}_2026_tsnd.xml"
    receipt = port.submit_package(customs_code=CODE, filename=filename, content=content)
    assert (receipt.business_code, receipt.period, receipt.line_count) == (YEARLY.code, "2026", 3)
    assert port.status(customs_code=CODE, receipt_no=receipt.receipt_no).status == feedback.BLOCKED
    doubts = port.doubts(customs_code=CODE, receipt_no=receipt.receipt_no)
    assert (doubts.period, doubts.business_code) == ("2026", YEARLY.code)
    assert sorted((d.code, d.line_no, d.skippable, d.message) for d in doubts.doubts) == [
        ("TS_HTH_DUP", "0003", True, "合同号HT-1重复申报"),
        ("TS_HTH_EMPTY", "0002", False, "合同号不能为空"),
        ("TS_JE_TINY", "0003", True, "金额0.01过小"),
    ]
    with pytest.raises(PartyError, match="不可挑过"):
        port.declare(customs_code=CODE, receipt_no=receipt.receipt_no)
    port.revoke(customs_code=CODE, receipt_no=receipt.receipt_no, reason="补合同号")

    filename, content = _package(card, YEARLY, "2026", [_line(1, "HT-1"), _line(2, "HT-2")])
    fixed = port.submit_package(customs_code=CODE, filename=filename, content=content)
    assert port.status(customs_code=CODE, receipt_no=fixed.receipt_no).status == feedback.CHECKED
    assert port.declare(customs_code=CODE, receipt_no=fixed.receipt_no).status == feedback.PASSED
    review = port.review_feedback(customs_code=CODE, business_code=YEARLY.code, period="2026")
    assert (review.family, review.period) == (YEARLY.code, "2026")
    assert [(r.receipt_no, r.result) for r in review.declarations] == [
        (fixed.receipt_no, feedback.PASSED)
    ]
    passed = review.declarations[0]
    assert passed.line_count == 2 and passed.exempt_credit_refund is None and passed.refund is None
    with pytest.raises(PartyError, match="已正式申报"):
        port.submit_package(customs_code=CODE, filename=filename, content=content)


def test_a_business_without_self_check_is_uploaded_then_reviewed(card):
    port = get_taxbureau_port()
    enterprise = sim_model("Enterprise").objects.get(customs_code=CODE)
    enterprise.review_delay_seconds = 3600
    enterprise.save(update_fields=["review_delay_seconds"])
    filename, content = _package(card, FILING, "0007", [_line(1, "")])
    assert filename == f"{CODE}_XH0007_tsba.xml"
    receipt = port.upload(customs_code=CODE, filename=filename, content=content)
    assert (receipt.status, receipt.business_code, receipt.period) == (
        feedback.UPLOADED, FILING.code, "",
    )  # fmt: skip
    assert port.status(customs_code=CODE, receipt_no=receipt.receipt_no).status == (
        feedback.UPLOADED
    )
    waiting = port.review_feedback(customs_code=CODE, business_code=FILING.code, period="")
    assert [r.result for r in waiting.declarations] == [feedback.UPLOADED]
    assert port.doubts(customs_code=CODE, receipt_no=receipt.receipt_no).doubts == ()

    enterprise.review_delay_seconds = 0
    enterprise.force_return_reason = "备案资料不全"
    enterprise.save(update_fields=["review_delay_seconds", "force_return_reason"])
    again = _package(card, FILING, "0008", [_line(1, "HT-9")])
    second = port.upload(customs_code=CODE, filename=again[0], content=again[1])
    review = port.review_feedback(customs_code=CODE, business_code=FILING.code, period="")
    results = {r.receipt_no: (r.result, r.reasons, r.period) for r in review.declarations}
    assert results == {
        receipt.receipt_no: (feedback.RETURNED, "备案资料不全", ""),
        second.receipt_no: (feedback.RETURNED, "备案资料不全", ""),
    }


def test_the_bureau_refuses_what_a_business_does_not_allow(card):
    port = get_taxbureau_port()
    submissions = sim_model("Submission").objects
    before = submissions.count()
    yearly = _package(card, YEARLY, "2026", [_line(1, "HT-1")])
    filing = _package(card, FILING, "0001", [_line(1, "HT-1")])
    cases = [
        (port.upload, CODE, *yearly, 409, "须先数据自检"),
        (port.submit_package, CODE, *filing, 409, "直接远程申报"),
        (port.upload, OTHER, *filing, 403, "不能由企业"),
        (port.upload, CODE, f"{CODE}_0001_tsba.xml", filing[1], 400, "XH加申请序号"),
        (port.upload, CODE, f"{CODE}_XH0001_tsxx.xml", filing[1], 400, "A0305001 scsb"),
        (port.submit_package, CODE, f"{CODE}_2026_tsba.xml", yearly[1], 400, "XH"),
        (port.upload, CODE, filing[0], filing[1].replace(b"HT-1", b"HT-2"), 403, "篡改"),
    ]
    for method, caller, name, data, status, words in cases:
        with pytest.raises(PartyError, match=words) as error:
            method(customs_code=caller, filename=name, content=data)
        assert error.value.status == status, words
    assert submissions.count() == before
    queries = [
        ("T9999999", "2026", "不受理业务"),
        (YEARLY.code, "202601", "申报年YYYY"),
        (FILING.code, "0001", "参数period应为空"),
    ]
    for business, period, words in queries:
        with pytest.raises(PartyError, match=words):
            port.review_feedback(customs_code=CODE, business_code=business, period=period)
