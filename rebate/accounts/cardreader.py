"""The simulated IC card / Ikey reader.

A real card keeps its private key and signs on the clerk's machine. Here each inserted card is a
PEM file under settings.CARD_READER_DIR named after the card number; removing the file is
pulling the card out (CK-01).
"""

from __future__ import annotations

import re
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

CARD_NO = re.compile(r"^[0-9A-Z]{6,20}$")


class CardNotInserted(Exception):
    def __init__(self, card_no: str = "") -> None:
        super().__init__(
            "未检测到IC卡/Ikey，请插入卡介质后重试" + (f"（{card_no}）" if card_no else "")
        )


def _reader_dir() -> Path:
    path = Path(settings.CARD_READER_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _card_path(card_no: str) -> Path:
    if not CARD_NO.match(card_no):
        raise CardNotInserted(card_no)
    return _reader_dir() / f"{card_no}.pem"


def issue_card(card_no: str) -> str:
    """Make a new card (key pair) and insert it; returns the public key PEM to register."""
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path = _card_path(card_no)
    path.write_bytes(pem)
    path.chmod(0o600)
    return public_key_pem(card_no)


def inserted_cards() -> list[str]:
    return sorted(p.stem for p in _reader_dir().glob("*.pem"))


def _private_key(card_no: str) -> ec.EllipticCurvePrivateKey:
    path = _card_path(card_no)
    if not path.exists():
        raise CardNotInserted(card_no)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return key


def public_key_pem(card_no: str) -> str:
    key = _private_key(card_no).public_key()
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def sign(card_no: str, data: bytes) -> bytes:
    """ECDSA P-256 / SHA-256 signature made 'on the card'."""
    return _private_key(card_no).sign(data, ec.ECDSA(hashes.SHA256()))
