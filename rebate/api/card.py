"""The IC card for API callers: the card's key stays with its holder (the ERP's card reader,
as the clerk's browser for the pages). The API hands out single-use challenges and package
digests; the caller signs them with the card's key (ECDSA P-256 / SHA-256, base64 r‖s as
WebCrypto gives) and sends the signature back — checked exactly as the browser's
(rebate.accounts.services.require_signing_card, declarations' batch_sign), else refused
with the manual's CK-05 words."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.accounts.access import request_user
from rebate.accounts.cardauth import SignedText, signed_text_from
from rebate.accounts.services import require_signing_card

from . import services
from .base import ApiView
from .errors import body
from .models import ApiToken


class CardProof(serializers.Serializer[Any]):
    """The card fields of an action that needs the card (as the browser adds them)."""

    card_no = serializers.CharField(help_text="插入的IC卡卡号")
    card_text = serializers.CharField(help_text="签名原文：POST /api/v1/card/challenge 返回的 text")
    card_signature = serializers.CharField(help_text="IC卡私钥对签名原文的签名（base64，r‖s）")


class ChallengeSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(help_text="待IC卡签名的原文（一次有效）")
    expires_at = serializers.DateTimeField()


def signed_from(request: Request) -> SignedText | None:
    return signed_text_from(body(request))


def card_no(request: Request) -> str:
    """CK-01/05: the bound card signed a fresh challenge of this token; PermissionDenied with
    the reason otherwise (未检测到IC卡…, or both card numbers)."""
    token = request.auth
    assert isinstance(token, ApiToken)
    card = require_signing_card(
        request_user(request._request),
        signed_from(request),
        is_fresh=lambda text: services.challenge_take(token=token, text=text),
    )
    return card.card_no


class ChallengeView(ApiView):
    writes = False  # asking for a text to sign changes no data

    @extend_schema(
        tags=["IC卡"],
        summary="取得IC卡签名原文（需IC卡的操作先签此原文）",
        request=None,
        responses={201: ChallengeSerializer},
    )
    def post(self, request: Request) -> Response:
        token = request.auth
        assert isinstance(token, ApiToken)
        challenge = services.challenge_issue(token=token)
        return Response(ChallengeSerializer(challenge).data, status=201)
