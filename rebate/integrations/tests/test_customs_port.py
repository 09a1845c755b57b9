"""CustomsPort against the customs simulator, through the real HTTP client."""

from __future__ import annotations

from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.apps import apps
from django.conf import settings

from rebate.integrations.customs import HttpCustomsClient, get_customs_port
from rebate.integrations.http import PartyError
from rebate.integrations.wire.canonical import public_key_pem

from .conftest import CODE, OTHER, sim_model

YEAR = {"date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31)}


def test_date_range_download_follows_every_page(seeded):
    port = HttpCustomsClient(settings.CUSTOMS_ENDPOINT)
    declarations = list(port.iter_declarations(customs_code=CODE, page_size=9, **YEAR))
    expected = sim_model("Declaration").objects.filter(enterprise__customs_code=CODE)
    assert sorted(d.entry_id for d in declarations) == sorted(e.entry_id for e in expected)
    assert all(d.trade_code == CODE and d.items for d in declarations)
    item = declarations[0].items[0]
    assert item.fob_usd is not None and item.fob_usd.as_tuple().exponent == -2


def test_date_range_is_inclusive_and_ordered(seeded):
    port = get_customs_port()
    october = list(port.iter_declarations(customs_code=CODE, date_from=date(2026, 10, 1),
                                          date_to=date(2026, 10, 31)))  # fmt: skip
    assert october and all(d.ie_date.month == 10 for d in october)
    keys = [(d.ie_date, d.entry_id) for d in october]
    assert keys == sorted(keys)


def test_by_number_and_not_found(seeded):
    port = get_customs_port()
    first = next(port.iter_declarations(customs_code=CODE, **YEAR))
    assert port.get_declaration(customs_code=CODE, entry_id=first.entry_id) == first
    assert port.get_declaration(customs_code=CODE, entry_id="530120269999999999") is None
    assert port.get_declaration(customs_code=OTHER, entry_id=first.entry_id) is None


def test_manuals_amendments_and_returns(seeded):
    port = get_customs_port()
    manuals = port.download_manuals(customs_code=CODE)
    assert {m.status for m in manuals} == {"核销", "执行"}
    assert any(r.ie_flag == "I" for m in manuals for r in m.records)
    amendments = port.download_amendments(customs_code=CODE, **YEAR)
    assert amendments and all(a.new_fob_usd < a.old_fob_usd for a in amendments)
    returns = port.download_returns(customs_code=CODE, **YEAR)
    assert all(r.quantity > 0 for r in returns)


def test_an_enterprise_without_credentials_is_a_party_error_without_a_call(seeded):
    with pytest.raises(PartyError, match="尚未取得中国电子口岸的接入凭证") as error:
        list(get_customs_port().iter_declarations(customs_code="0000000000", **YEAR))
    assert error.value.status == 0  # refused before any request: there is nothing to send


def test_the_card_authority_publishes_the_holder_and_public_key_of_an_issued_card(seeded):
    pem = public_key_pem(ec.generate_private_key(ec.SECP256R1()))
    sim_model("Card").objects.create(
        enterprise=apps.get_model("sim_customs", "Enterprise").objects.get(customs_code=CODE),
        card_no="CKTEST0001",
        public_key_pem=pem,
    )
    port = get_customs_port()
    holder = port.card_holder(customs_code=CODE, card_no="CKTEST0001")
    assert holder is not None
    assert (holder.customs_code, holder.public_key_pem) == (CODE, pem)
    assert port.card_holder(customs_code=CODE, card_no="CKTEST0002") is None
    with pytest.raises(PartyError) as other:  # an enterprise sees only its own cards
        port.card_holder(customs_code=OTHER, card_no="CKTEST0001")
    assert other.value.status == 403
    sim_model("Card").objects.filter(card_no="CKTEST0001").update(revoked=True)
    assert (
        port.card_holder(customs_code=CODE, card_no="CKTEST0001") is None
    )  # a revoked card is no longer trusted
