"""The clerk's side of the IC card in tests: the card's key lives here, in the test process.

The product's server only hands out challenges and checks signatures; what the browser does
(static/accounts/card.js: sign challenges and package digests with WebCrypto, r‖s) a
``HeldCard`` does in Python, so service and view tests drive the same checks the browser tests
drive through chromium.
"""

from __future__ import annotations

import base64
import io
import secrets
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from django.core.management import call_command
from django.urls import reverse

from rebate.accounts import services
from rebate.accounts.cardauth import CHALLENGE_PREFIX, SignedText
from rebate.accounts.models import Card, User
from rebate.integrations.wire.canonical import signed_info


@dataclass
class HeldCard:
    card_no: str
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )

    @property
    def public_key_pem(self) -> str:
        return (
            self.key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )

    def sign(self, text: str) -> SignedText:
        """What WebCrypto gives the browser: ECDSA P-256 / SHA-256 as base64 r‖s."""
        r, s = decode_dss_signature(self.key.sign(text.encode(), ec.ECDSA(hashes.SHA256())))
        raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
        return SignedText(self.card_no, text, base64.b64encode(raw).decode())

    def sign_any_challenge(self) -> SignedText:
        """A signature of a made-up challenge, for services that do not check freshness."""
        return self.sign(CHALLENGE_PREFIX + secrets.token_hex(32))

    def sign_package(self, digest: str) -> SignedText:
        return self.sign(signed_info(digest).decode())

    def proof(self, client: Any) -> dict[str, str]:
        """The card fields the browser adds to a form: a fresh challenge of this session, signed."""
        text = client.post(reverse("accounts:card_challenge")).json()["text"]
        signed = self.sign(text)
        return {
            "card_no": signed.card_no,
            "card_text": signed.text,
            "card_signature": signed.signature,
        }


_HELD: dict[str, HeldCard] = {}


def held(card_no: str) -> HeldCard:
    return _HELD[card_no]


def issue_at_eport(customs_code: str, card_no: str) -> HeldCard:
    """The e-port registers a card whose key pair was made on the card (here)."""
    card = HeldCard(card_no)
    call_command(
        "sim_issue_card",
        "--customs-code",
        customs_code,
        "--card-no",
        card_no,
        "--public-key-pem",
        card.public_key_pem,
        stdout=io.StringIO(),
    )
    _HELD[card_no] = card
    return card


def bind_issued_card(user: User, card_no: str) -> HeldCard:
    """Issue a card to the user's enterprise at the e-port; bind it as the card page does."""
    assert user.enterprise is not None
    card = issue_at_eport(user.enterprise.customs_code, card_no)
    services.card_bind(user=user, card_no=card_no, signed=card.sign_any_challenge())
    return card


def bind_local_card(user: User, card_no: str = "") -> HeldCard:
    """A bound card the e-port never saw, for tests that do not reach the bureau."""
    card = HeldCard(card_no or f"CK{user.pk:010d}")
    Card.objects.create(user=user, card_no=card.card_no, public_key_pem=card.public_key_pem)
    _HELD[card.card_no] = card
    return card
