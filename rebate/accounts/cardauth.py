"""The IC card / Ikey as the server sees it: challenges out, signatures in, public keys only.

A real 电子口岸 card signs on the clerk's machine. Here the card is a PIN-protected key file
the e-port issued; 插卡 in the browser (static/accounts/card.js) unlocks it with the PIN and
keeps the key non-extractable in the browser. The server never holds a private key: it hands
out fresh single-use challenges, and checks each signature it gets back against the public key
the e-port card authority published for the bound card.

WebCrypto signs ECDSA P-256 / SHA-256 as r‖s (64 bytes, base64 here); what the card signs is
always text with a known prefix, so a challenge can never pass for a package digest.
"""

from __future__ import annotations

import base64
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.contrib.sessions.backends.base import SessionBase

from rebate.integrations.wire import WireError
from rebate.integrations.wire.canonical import der_from_raw

CARD_NO = re.compile(r"^[0-9A-Z]{6,20}$")
CHALLENGE_PREFIX = "ckts-card-challenge-1;"
CHALLENGE_TTL_SECONDS = 120
CHALLENGES_KEPT = 5  # a few pages of one session may each be signing at once
SESSION_KEY = "card_challenges"

NOT_INSERTED = "未检测到IC卡/Ikey，请插入卡介质后重试"
WRONG_PIN = "IC卡/Ikey口令（PIN）错误，请重新输入"
BAD_SIGNATURE = "卡介质签名验证失败"


class CardNotInserted(Exception):
    def __init__(self) -> None:
        super().__init__(NOT_INSERTED)


@dataclass(frozen=True, slots=True)
class SignedText:
    """What the browser posts: the card it used, the text the card signed and the signature."""

    card_no: str
    text: str
    signature: str


def challenge_issue(session: SessionBase) -> str:
    """A fresh challenge kept in the session; the text to sign is returned."""
    now = time.time()
    kept = [c for c in session.get(SESSION_KEY, []) if c[1] > now][-(CHALLENGES_KEPT - 1) :]
    text = CHALLENGE_PREFIX + secrets.token_hex(32)
    session[SESSION_KEY] = [*kept, [text, now + CHALLENGE_TTL_SECONDS]]
    return text


def challenge_take(session: SessionBase, text: str) -> bool:
    """True once for a challenge this session was given and that has not expired."""
    kept = session.get(SESSION_KEY, [])
    found = [c for c in kept if c[0] == text]
    if found:
        session[SESSION_KEY] = [c for c in kept if c[0] != text]
    return bool(found) and found[0][1] > time.time()


def signed_text_from(data: Mapping[str, object]) -> SignedText | None:
    """The card fields of a posted form; None when the browser had no card inserted."""
    card_no = str(data.get("card_no", "")).strip()
    text, signature = str(data.get("card_text", "")), str(data.get("card_signature", ""))
    if not (card_no and text and signature):
        return None
    return SignedText(card_no, text, signature)


def verify(public_key_pem: str, text: str, signature_b64: str) -> bool:
    """Is ``signature_b64`` (WebCrypto's r‖s) the card's signature of ``text``?"""
    try:
        der = base64.b64decode(der_from_raw(signature_b64))
        key = serialization.load_pem_public_key(public_key_pem.encode())
    except (ValueError, WireError):
        return False
    if not isinstance(key, ec.EllipticCurvePublicKey):
        return False
    try:
        key.verify(der, text.encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True
