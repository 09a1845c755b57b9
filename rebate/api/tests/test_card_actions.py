"""Actions that need the IC card: the API hands out the text, the card's holder signs it; no
signature, another card or a used text is refused with the manual's words (CK-05)."""

from __future__ import annotations

import json

import pytest

from rebate.accounts.cardauth import BAD_SIGNATURE, NOT_INSERTED
from rebate.accounts.tests.cards import HeldCard, bind_local_card
from rebate.accounts.tests.factories import make_user
from rebate.declarations.choices import BatchStatus
from rebate.declarations.tests.factories import make_batch

from .factories import bearer_client

pytestmark = pytest.mark.django_db


def post(api, path: str, body: dict[str, str]):
    return api.post(path, json.dumps(body), content_type="application/json")


def proof(api, card: HeldCard) -> dict[str, str]:
    text = api.post("/api/v1/card/challenge").json()["text"]
    signed = card.sign(text)
    return {"card_no": signed.card_no, "card_text": signed.text, "card_signature": signed.signature}


@pytest.fixture
def holder(enterprise):
    user = make_user(enterprise, with_card=False)
    return user, bind_local_card(user)


def test_confirm_needs_the_bound_card_signing_a_fresh_text(holder) -> None:
    user, card = holder
    api = bearer_client(user)
    batch = make_batch(user.enterprise, status=BatchStatus.GENERATED)
    url = f"/api/v1/batches/{batch.pk}/confirm"
    missing = post(api, url, {})
    assert missing.status_code == 403 and missing.json()["message"] == NOT_INSERTED
    other = post(api, url, proof(api, HeldCard("CK9999999999")))
    assert other.status_code == 403
    assert other.json()["message"] == (
        f"当前卡号 CK9999999999 与用户注册信息卡号 {card.card_no} 不一致，无法进行申报"
    )
    stranger = proof(api, HeldCard("CK8888888888"))["card_signature"]
    forged = post(api, url, {**proof(api, card), "card_signature": stranger})
    assert forged.status_code == 403 and forged.json()["message"] == BAD_SIGNATURE
    good = proof(api, card)
    passed = post(api, url, good)  # the card passes; the batch's state is what refuses now
    assert passed.status_code == 400 and passed.json()["code"] == "invalid"
    replay = post(api, url, good)
    assert replay.status_code == 403 and replay.json()["message"] == BAD_SIGNATURE


def test_an_unsigned_batch_shows_the_text_to_sign_and_refuses_no_signature(holder) -> None:
    user, card = holder
    api = bearer_client(user)
    batch = make_batch(user.enterprise, status=BatchStatus.UNSIGNED)
    shown = api.get(f"/api/v1/batches/{batch.pk}").json()
    assert shown["sign_text"].endswith(batch.package_digest) and shown["status"] == "unsigned"
    refused = post(api, f"/api/v1/batches/{batch.pk}/sign", {})
    assert refused.status_code == 403 and refused.json()["message"] == NOT_INSERTED
    wrong = HeldCard(card.card_no).sign(shown["sign_text"])  # the same number, another key
    bad = post(api, f"/api/v1/batches/{batch.pk}/sign",
               {"card_no": wrong.card_no, "card_signature": wrong.signature})  # fmt: skip
    assert bad.status_code == 400 and bad.json()["message"] == BAD_SIGNATURE
