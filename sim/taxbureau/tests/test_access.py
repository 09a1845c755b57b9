"""A credential is one enterprise's: A's cannot read B's declarations or feedback at the e-port
or the bureau, nor revoke B's package (issue 13: revoked by anyone naming a customs code)."""

from __future__ import annotations

import io

from rebate.integrations.wire.customs.reader import read_declarations
from rebate.integrations.wire.feedback.reader import read_filings
from sim.access.testing import credential
from sim.customs.models import Declaration
from sim.generator.testing import OTHER, SMALL
from sim.taxbureau.models import Status, Submission

from .helpers import URL, package, submit

A, B = OTHER.customs_code, SMALL.customs_code
CUSTOMS = "/customs/api/v1"
MARCH_TO_DEC = {"date_from": "2026-01-01", "date_to": "2026-12-31"}


def test_a_cannot_download_bs_declarations(client, seeded_db):
    as_a = credential("customs", A)
    named = client.get(CUSTOMS + "/declarations", {"trade_code": B, **MARCH_TO_DEC}, **as_a)
    assert named.status_code == 403 and "无权访问企业" in named.json()["error"]
    for path in ("/manuals", "/amendments", "/returns"):
        response = client.get(CUSTOMS + path, {"trade_code": B, **MARCH_TO_DEC}, **as_a)
        assert response.status_code == 403
    bs_entry = Declaration.objects.filter(enterprise__customs_code=B).first()
    by_number = client.get(CUSTOMS + f"/declarations/{bs_entry.entry_id}", **as_a)
    assert by_number.status_code == 404
    own = client.get(CUSTOMS + "/declarations", MARCH_TO_DEC, **as_a)
    page = read_declarations(io.BytesIO(own.content))
    assert page.declarations and {d.trade_code for d in page.declarations} == {A}


def test_a_cannot_register_a_card_for_b(client, seeded_db):
    body = {"customs_code": B, "card_no": "CK7777777777", "public_key_pem": "x"}
    response = client.post(CUSTOMS + "/cards", body, content_type="application/json",
                           **credential("customs", A))  # fmt: skip
    assert response.status_code == 403


def test_a_cannot_read_bs_feedback_or_revoke_bs_package(client, seeded_db):
    filename, data = package(B, "202610")
    receipt = submit(client, B, filename, data).json()["receipt_no"]
    as_a = {**credential("taxbureau", A), "HTTP_X_CUSTOMS_CODE": B}  # naming B changes nothing
    for path in ("", "/doubts"):
        assert client.get(URL + f"/packages/{receipt}{path}", **as_a).status_code == 404
    revoke = client.post(URL + f"/packages/{receipt}/revoke", b"{}",
                         content_type="application/json", **as_a)  # fmt: skip
    assert revoke.status_code == 404
    assert Submission.objects.get(receipt_no=receipt).status != Status.REVOKED
    declare = client.post(URL + f"/packages/{receipt}/declare", **as_a)
    assert declare.status_code == 404
    filings = read_filings(io.BytesIO(client.get(URL + "/feedback/filings", **as_a).content))
    assert filings.customs_code == A  # A's own filings, whatever A names


def test_a_package_of_b_cannot_be_submitted_with_as_credential(client, seeded_db):
    filename, data = package(B, "202610")
    response = submit(client, B, filename, data, caller=A)
    assert response.status_code == 403
    assert not Submission.objects.filter(filename=filename).exists()
