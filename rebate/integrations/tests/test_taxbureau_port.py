"""TaxBureauPort against the bureau simulator, with packages built product-style."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from rebate.calc.periods import Period
from rebate.integrations.customs import get_customs_port
from rebate.integrations.http import PartyError
from rebate.integrations.taxbureau import OverseasReport, get_taxbureau_port
from rebate.integrations.wire import feedback
from rebate.integrations.wire.package import PackageHead

from .conftest import CODE, OTHER, sim_model
from .packaging import Card, lines_of

# Anomalies that live in customs data, i.e. what a package built from downloads must raise.
CUSTOMS_SIDE = ("no_einfo", "non_refundable", "fob_amended", "exchange_lag")
PERIOD = "202610"


@pytest.fixture
def declared(seeded):
    """(head, lines, card) of the open period, built from the customs download."""
    customs, bureau = get_customs_port(), get_taxbureau_port()
    period = Period.parse(PERIOD)
    declarations = list(customs.iter_declarations(customs_code=CODE, date_from=period.first_day,
                                                  date_to=period.last_day))  # fmt: skip
    filings = bureau.filings(customs_code=CODE).filings
    planned = next(f.planned_allocation_rate for f in filings if f.business_code == "A0307001")
    enterprise = sim_model("Enterprise").objects.get(customs_code=CODE)
    head = PackageHead(CODE, enterprise.uscc, enterprise.name, PERIOD, "A0305001", "scsb")
    return head, lines_of(declarations, planned, _library_rates), Card(CODE, "CKPORT0001")


def _library_rates(code: str, on: date) -> tuple[Decimal, Decimal] | None:
    """The bureau's 文库 row of ``code`` valid ``on`` (the product imports the same library)."""
    rows = sim_model("RateRow").objects.filter(code=code, valid_from__lte=on, valid_to__gte=on)
    return rows.values_list("levy_rate", "rebate_rate").first()


def _expected(period: str) -> Counter[tuple[str, str]]:
    rows = sim_model("PlantedAnomaly").objects.filter(
        customs_code=CODE, period=period, kind__in=CUSTOMS_SIDE
    )
    return Counter(rows.values_list("item_key", "expected_code"))


def test_self_check_of_downloaded_data_finds_the_customs_side_anomalies(declared):
    head, lines, card = declared
    port = get_taxbureau_port()
    filename, content = card.package(head, lines)
    receipt = port.submit_package(customs_code=CODE, filename=filename, content=content)
    assert receipt.status == feedback.CHECKING and receipt.line_count == len(lines)
    status = port.status(customs_code=CODE, receipt_no=receipt.receipt_no)
    assert status.status == feedback.BLOCKED
    doubts = port.doubts(customs_code=CODE, receipt_no=receipt.receipt_no)
    assert Counter((d.item_key, d.code) for d in doubts.doubts) == _expected(PERIOD)
    assert doubts.has_blocking and status.blocking_count
    with pytest.raises(PartyError, match="不可挑过") as error:
        port.declare(customs_code=CODE, receipt_no=receipt.receipt_no)
    assert error.value.status == 409
    revoked = port.revoke(customs_code=CODE, receipt_no=receipt.receipt_no, reason="更正后重报")
    assert revoked.status == feedback.REVOKED


def test_clean_declaration_is_reviewed_and_fed_back(declared):
    head, lines, card = declared
    expected = {key for key, _ in _expected(PERIOD)}
    clean = [line for line in lines if line.item_key not in expected]
    filename, content = card.package(head, clean)
    port = get_taxbureau_port()
    receipt = port.submit_package(customs_code=CODE, filename=filename, content=content)
    checked = port.status(customs_code=CODE, receipt_no=receipt.receipt_no)
    assert checked.status in (feedback.CHECKED,), checked
    assert port.doubts(customs_code=CODE, receipt_no=receipt.receipt_no).doubts == ()
    final = port.declare(customs_code=CODE, receipt_no=receipt.receipt_no)
    assert final.status == feedback.PASSED
    review = port.review_feedback(customs_code=CODE, business_code="A0305001", period=PERIOD)
    result = review.declarations[-1]
    assert result.result == feedback.PASSED and result.line_count == len(clean)
    assert sum(line.fob_cny for line in result.lines) == sum(line.fob_cny for line in clean)
    # The lines are the customs download at the bureau's 文库 rates, so the review's own row 11
    # is the declared one; row 17 comes from the filed VAT return (the package declared 0):
    # approved with 审核调整.
    assert result.exempt_credit_refund == sum(line.exempt_credit_refund for line in clean)
    assert "按税务机关出口报关单电子信息和退税率文库计算" not in result.reasons
    vat = sim_model("VatReturn").objects.get(enterprise__customs_code=CODE, period=PERIOD)
    assert result.refund == min(result.exempt_credit_refund, vat.ending_credit)
    assert result.exempt_credit == result.exempt_credit_refund - result.refund
    assert result.adjustment == result.refund  # declared 应退税额 0.00
    assert f"审核调整应退税额+{result.refund}：申报0.00，核准{result.refund}" in result.reasons
    with pytest.raises(PartyError, match="不能撤销"):
        port.revoke(customs_code=CODE, receipt_no=receipt.receipt_no)


def test_processing_and_filing_feedback(seeded):
    port = get_taxbureau_port()
    processing = port.processing_feedback(customs_code=CODE, year=2026)
    assert processing.year == 2026 and processing.manuals
    manual = processing.manuals[0]
    assert 0 < manual.actual_rate < 1 and manual.writeoff_date.year == 2026
    assert port.processing_feedback(customs_code=CODE, year=2025).manuals == ()
    codes = {f.business_code for f in port.filings(customs_code=CODE).filings}
    assert codes == {"A0101001", "A0307001"}


def test_refused_packages_change_nothing(declared):
    head, lines, card = declared
    port = get_taxbureau_port()
    submissions = sim_model("Submission").objects
    before = submissions.count()
    filename, content = card.package(head, lines[:3])
    cases = [
        (CODE, filename, content.replace(b"<cksl>", b"<cksl>9", 1), 403, "篡改"),
        (OTHER, filename, content, 403, "不能由企业"),
        (CODE, filename, b"<DeclarationPackage", 400, "XML"),
        ("0000000000", filename, content, 0, "尚未取得税务局的接入凭证"),
        (CODE, "x.xml", content, 400, "文件名"),
    ]
    for caller, name, data, status, words in cases:
        with pytest.raises(PartyError, match=words) as error:
            port.submit_package(customs_code=caller, filename=name, content=data)
        assert error.value.status == status
    assert submissions.count() == before


def test_unknown_receipt(seeded):
    with pytest.raises(PartyError, match="未找到受理回执号") as error:
        get_taxbureau_port().status(customs_code=CODE, receipt_no="NOPE")
    assert error.value.status == 404


def test_vat_return_of_a_filed_and_an_unfiled_period(seeded):
    """The 增值税纳税申报表 the bureau holds (Art. 15), read over HTTP; None while not filed."""
    row = sim_model("VatReturn").objects.get(enterprise__customs_code=CODE, period=PERIOD)
    filed = get_taxbureau_port().vat_return(customs_code=CODE, period=PERIOD)
    assert filed is not None and filed.period == PERIOD
    assert (filed.ending_credit, filed.output_tax, filed.filed_on) == (
        row.ending_credit, row.output_tax, row.filed_on,
    )  # fmt: skip
    assert get_taxbureau_port().vat_return(customs_code=CODE, period="209901") is None


def test_overseas_prerefunds_listed_and_reported_over_http(declared):
    """HWC-YT lines of a declaration: the bureau's unreconciled list, read over HTTP; a report
    takes a line off, a second one is refused in the bureau's words (409)."""
    head, lines, card = declared
    expected = {key for key, _ in _expected(PERIOD)}
    clean = [line for line in lines if line.item_key not in expected]
    clean[:1] = [replace(clean[0], business_types=("HWC-YT",))]
    port = get_taxbureau_port()
    filename, content = card.package(head, clean)
    receipt = port.submit_package(customs_code=CODE, filename=filename, content=content)
    assert port.status(customs_code=CODE, receipt_no=receipt.receipt_no).status == feedback.CHECKED
    port.declare(customs_code=CODE, receipt_no=receipt.receipt_no)
    [listed] = port.overseas_unreconciled(customs_code=CODE)
    assert (listed.item_key, listed.period, listed.export_date) == (
        clean[0].item_key, PERIOD, clean[0].export_date,
    )  # fmt: skip
    assert listed.fob_cny == clean[0].fob_cny and listed.receipt_no == receipt.receipt_no
    assert port.overseas_unreconciled(customs_code=OTHER) == []
    sold = OverseasReport("sold", date(2026, 11, 20), Decimal("18000.00"))
    assert port.overseas_reconciliation(customs_code=CODE, item_key=listed.item_key) is None
    port.reconcile_overseas(customs_code=CODE, item_key=listed.item_key, report=sold)
    assert port.overseas_unreconciled(customs_code=CODE) == []
    # read back as recorded (the product recovers from it when its own save failed)
    assert port.overseas_reconciliation(customs_code=CODE, item_key=listed.item_key) == sold
    assert port.overseas_reconciliation(customs_code=OTHER, item_key=listed.item_key) is None
    with pytest.raises(PartyError, match="已核对") as error:
        port.reconcile_overseas(customs_code=CODE, item_key=listed.item_key, report=sold)
    assert error.value.status == 409
