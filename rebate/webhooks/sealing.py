"""Endpoint secrets sealed at rest (Fernet: AES-128-CBC + HMAC-SHA256, from `cryptography`).

The sealing key is derived from WEBHOOKS_SEALING_KEY, or SECRET_KEY when that is not set;
changing it makes every sealed secret unreadable — rotate each endpoint's secret afterwards
(docs/webhooks.md).
"""

from __future__ import annotations

import base64
import secrets

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

SECRET_PREFIX = "whsec_"  # noqa: S105 — the prefix of every secret, not a secret


class SecretUnreadable(Exception):
    """The sealing key changed since the secret was sealed."""


def _fernet() -> Fernet:
    material = (getattr(settings, "WEBHOOKS_SEALING_KEY", "") or settings.SECRET_KEY).encode()
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"rebate.webhooks.secret"
    ).derive(material)
    return Fernet(base64.urlsafe_b64encode(key))


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str:
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken as exc:
        raise SecretUnreadable("签名密钥无法解密（系统密钥已更换），请重新生成密钥") from exc
