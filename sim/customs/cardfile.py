"""The e-port issues an IC card as a PIN-protected key file (format ``ckts-card-1``).

A real 电子口岸 card keeps its private key on the chip and signs on the clerk's machine. The
simulated card is a JSON file the clerk 插卡s in the browser: the PKCS#8 private key encrypted
with AES-256-GCM under a key derived from the card's PIN by PBKDF2-SHA256, the card number as
additional data. The browser decrypts it with WebCrypto and keeps the key non-extractable
(rebate/accounts/static/accounts/card.js); the e-port keeps only the public key. Nothing here
is ever given to the product's server.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

FORMAT = "ckts-card-1"
DEFAULT_ITERATIONS = 200_000
MIN_ITERATIONS = 1_000
MIN_PIN_LENGTH = 6


class CardFileError(ValueError):
    pass


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _pin_key(pin: str, salt: bytes, iterations: int) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    return kdf.derive(pin.encode())


def public_key_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def make_card_file(
    *,
    card_no: str,
    customs_code: str,
    pin: str,
    key: ec.EllipticCurvePrivateKey,
    iterations: int = DEFAULT_ITERATIONS,
) -> dict[str, Any]:
    if len(pin) < MIN_PIN_LENGTH or not pin.isdigit():
        raise CardFileError(f"PIN应为至少{MIN_PIN_LENGTH}位数字")
    if iterations < MIN_ITERATIONS:
        raise CardFileError(f"PBKDF2迭代次数不能少于{MIN_ITERATIONS}")
    salt, iv = os.urandom(16), os.urandom(12)
    pkcs8 = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    sealed = AESGCM(_pin_key(pin, salt, iterations)).encrypt(iv, pkcs8, card_no.encode())
    return {
        "format": FORMAT,
        "card_no": card_no,
        "customs_code": customs_code,
        "public_key": public_key_pem(key),
        "kdf": {"name": "PBKDF2", "hash": "SHA-256", "iterations": iterations, "salt": _b64(salt)},
        "cipher": {"name": "AES-GCM", "iv": _b64(iv)},
        "private_key": _b64(sealed),
    }


def read_card_file(text: str) -> dict[str, Any]:
    """The parsed file; only its public parts are read here (the e-port never needs the PIN)."""
    try:
        data = json.loads(text)
    except ValueError:
        raise CardFileError("卡文件格式错误") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CardFileError(f"卡文件格式错误：应为{FORMAT}")
    return data
