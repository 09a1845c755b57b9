"""The e-port registry: enterprises and the card authority.

The tax bureau trusts the cards the e-port issued: ``card_owner`` is the card authority's
published lookup, the one way the bureau simulator learns which enterprise a card belongs to
and its public key.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.db import transaction

from .models import Card, Enterprise


class RegistryError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True, slots=True)
class CardOwner:
    card_no: str
    customs_code: str
    public_key_pem: str


def register_enterprise(*, customs_code: str, uscc: str, name: str, district: str) -> Enterprise:
    enterprise, _ = Enterprise.objects.update_or_create(
        customs_code=customs_code,
        defaults={"uscc": uscc, "name": name, "customs_district": district},
    )
    return enterprise


def find_enterprise(customs_code: str) -> Enterprise:
    enterprise = Enterprise.objects.filter(customs_code=customs_code).first()
    if enterprise is None:
        raise RegistryError(f"海关企业代码{customs_code or '（空）'}未在电子口岸注册", 404)
    return enterprise


def _check_public_key(public_key_pem: str) -> None:
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode())
    except ValueError:
        raise RegistryError("公钥格式错误：应为PEM格式的ECDSA P-256公钥") from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise RegistryError("公钥不是ECDSA P-256公钥")


@transaction.atomic
def register_card(*, customs_code: str, card_no: str, public_key_pem: str) -> Card:
    """Bind a card to an enterprise; re-registering the same card and key is a no-op."""
    enterprise = find_enterprise(customs_code)
    _check_public_key(public_key_pem)
    card = Card.objects.select_for_update().filter(card_no=card_no).first()
    if card is None:
        return Card.objects.create(
            enterprise=enterprise, card_no=card_no, public_key_pem=public_key_pem
        )
    if card.enterprise_id != enterprise.pk:
        raise RegistryError(f"卡号{card_no}已绑定其他企业", 409)
    if card.public_key_pem.strip() != public_key_pem.strip() or card.revoked:
        card.public_key_pem, card.revoked = public_key_pem, False
        card.save(update_fields=["public_key_pem", "revoked"])
    return card


def card_owner(card_no: str) -> CardOwner | None:
    """The card authority's published lookup: which enterprise holds the card, its public key."""
    card = Card.objects.select_related("enterprise").filter(card_no=card_no, revoked=False).first()
    if card is None:
        return None
    return CardOwner(card.card_no, card.enterprise.customs_code, card.public_key_pem)
