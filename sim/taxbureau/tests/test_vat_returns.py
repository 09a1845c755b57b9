"""The bureau holds each generated enterprise's filed 增值税纳税申报表 per month (Art. 15) and
answers it to that enterprise only (the port side: rebate/integrations/tests)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from sim.access.testing import credential
from sim.generator.testing import OTHER, SMALL
from sim.taxbureau.models import Status, Submission, VatReturn

from .helpers import URL

A, B = OTHER.customs_code, SMALL.customs_code


def test_every_generated_month_has_a_consistent_vat_return(seeded_db):
    rows = list(VatReturn.objects.filter(enterprise__customs_code=B).order_by("period"))
    assert rows
    for before, row in itertools.pairwise(rows):
        assert row.opening_credit == before.ending_credit  # 上期留抵 chains
    for row in rows:
        balance = row.opening_credit + row.input_tax - row.output_tax
        assert row.ending_credit == max(balance, Decimal("0.00"))
        assert row.tax_payable == max(-balance, Decimal("0.00"))


def test_history_declarations_take_row_17_from_the_filed_return(seeded_db):
    """The generated history months (approved declarations) agree with the VAT return the
    bureau holds: row 17 is its 期末留抵 and 应退税额 = min(row 15, row 17), 免抵税额 the rest."""
    history = Submission.objects.filter(enterprise__customs_code=B, status=Status.PASSED)
    assert history.count() >= 2
    for submission in history:
        filed = VatReturn.objects.get(enterprise__customs_code=B, period=submission.period)
        row = {int(k): Decimal(v[0]) for k, v in submission.summary.items()}
        assert row[17] == filed.ending_credit
        assert row[18] == submission.refund == min(row[15], filed.ending_credit)
        assert row[19] == submission.exempt_credit == row[15] - row[18]


def test_the_enterprise_reads_its_own_return_and_none_for_an_unfiled_period(client, seeded_db):
    row = VatReturn.objects.filter(enterprise__customs_code=B).order_by("period").last()
    as_b = credential("taxbureau", B)
    answer = client.get(URL + "/vat-returns", {"period": row.period}, **as_b)
    assert answer.status_code == 200
    assert answer.json()["ending_credit"] == str(row.ending_credit)
    missing = client.get(URL + "/vat-returns", {"period": "209901"}, **as_b)
    assert missing.status_code == 404 and "增值税纳税申报表尚未申报" in missing.json()["error"]
    bad = client.get(URL + "/vat-returns", {"period": "2026"}, **as_b)
    assert bad.status_code == 400 and "所属期YYYYMM" in bad.json()["error"]
    assert client.get(URL + "/vat-returns", {"period": row.period}).status_code in (401, 403)
    # A's credential answers A's own return, never B's figures
    as_a = credential("taxbureau", A)
    own = VatReturn.objects.filter(enterprise__customs_code=A, period=row.period).first()
    theirs = client.get(URL + "/vat-returns", {"period": row.period}, **as_a)
    if own is None:
        assert theirs.status_code == 404
    else:
        assert theirs.json()["ending_credit"] == str(own.ending_credit)
