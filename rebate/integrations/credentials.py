"""The credentials outside parties issued, stored once at onboarding, sent on every call.

Tokens are sealed at rest with a key derived from SECRET_KEY, so a copy of the database alone
does not let anyone act for an enterprise at the e-port or the bureau. Changing SECRET_KEY makes
them unreadable: the enterprise is then onboarded again (the party issues a new credential).
"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import transaction

from .http import PartyError
from .models import Party, PartyCredential


class CredentialDocumentError(ValueError):
    pass


def _fernet() -> Fernet:
    key = hashlib.sha256(b"rebate.integrations.credentials|" + settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(key.digest()))


def _unseal(row: PartyCredential) -> str:
    try:
        return _fernet().decrypt(row.sealed_token.encode()).decode()
    except InvalidToken:
        raise PartyError(
            f"{Party(row.party).label}接入凭证无法解密（SECRET_KEY 已更换？），请重新办理接入登记"
        ) from None


@transaction.atomic
def store_issued(document: str) -> list[tuple[str, str]]:
    """Keep what a party's onboarding printed: {"account": …, "credentials": {party: token}}.

    Returns the (party, account) pairs stored, never the tokens."""
    try:
        issued = json.loads(document)
        account = str(issued["account"])
        tokens = dict(issued["credentials"])
    except (ValueError, KeyError, TypeError):
        raise CredentialDocumentError("凭证文件格式错误：需要 account 与 credentials") from None
    stored = []
    for party, token in tokens.items():
        if party not in Party.values or not isinstance(token, str) or ":" not in token:
            raise CredentialDocumentError(f"凭证文件中的机构或凭证无效：{party}")
        PartyCredential.objects.update_or_create(
            party=party,
            account=account,
            defaults={"sealed_token": _fernet().encrypt(token.encode()).decode()},
        )
        stored.append((str(party), account))
    return stored


def authorization(party: Party, account: str | None = None) -> dict[str, str]:
    """The header that authenticates the account at the party (any account for SMS)."""
    rows = PartyCredential.objects.filter(party=party)
    row = (rows.filter(account=account) if account is not None else rows).first()
    if row is None:
        who = f"企业{account}" if account else "本系统"
        raise PartyError(f"{who}尚未取得{party.label}的接入凭证，请先办理接入登记")
    return {"Authorization": f"Bearer {_unseal(row)}"}
