"""Writes of the API: tokens (created, revoked, used) and the card challenges of a token."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from rebate.accounts.cardauth import CHALLENGE_PREFIX, CHALLENGE_TTL_SECONDS
from rebate.accounts.models import User
from rebate.core.access import NO_PERMISSION

from .models import ApiToken, CardChallenge

TOKEN_PREFIX = "rbt_"  # noqa: S105 — the mark of a token, not a secret
# Writing last use on every request would make every read a write (SQLite has one writer):
# once a minute is precise enough for "最近使用时间".
LAST_USE_PRECISION = datetime.timedelta(minutes=1)
REFUSED = "API令牌无效、已撤销或已过期"


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, user: User, name: str, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token of ``user``; the plain token is returned once and never stored."""
    if user.enterprise is None or not hasattr(user, "card"):
        raise ValidationError(NO_PERMISSION)
    name = name.strip()
    if ApiToken.objects.filter(user=user, name=name).exists():
        raise ValidationError({"name": f"已有名为“{name}”的令牌"})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "有效期须晚于当前时间"})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        enterprise=user.enterprise, user=user, name=name, prefix=raw[:12],
        token_hash=token_digest(raw), expires_at=expires_at,
    )  # fmt: skip
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """撤销: the token is refused from now on (the row stays, for the record)."""
    if token.user_id != actor.pk:
        raise PermissionDenied(NO_PERMISSION)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def token_authenticate(raw: str) -> ApiToken:
    """The live token of ``raw`` with its user; PermissionDenied when revoked, expired,
    unknown or its user is disabled."""
    token = (
        ApiToken.objects.select_related("user", "user__enterprise", "user__card")
        .filter(token_hash=token_digest(raw))
        .first()
    )
    if token is None or token.revoked_at is not None or token.expired:
        raise PermissionDenied(REFUSED)
    user = token.user
    if not user.is_active or user.enterprise_id != token.enterprise_id:
        raise PermissionDenied(REFUSED)
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def challenge_issue(*, token: ApiToken) -> CardChallenge:
    """A fresh single-use text for the token's card to sign (as challenge_issue for a
    session); expired ones of the token are dropped."""
    now = timezone.now()
    CardChallenge.objects.filter(token=token, expires_at__lte=now).delete()
    return CardChallenge.objects.create(
        enterprise_id=token.enterprise_id,
        token=token,
        text=CHALLENGE_PREFIX + secrets.token_hex(32),
        expires_at=now + datetime.timedelta(seconds=CHALLENGE_TTL_SECONDS),
    )


def challenge_take(*, token: ApiToken, text: str) -> bool:
    """True once for a live challenge this token was given (used up either way)."""
    found = CardChallenge.objects.filter(token=token, text=text).first()
    if found is None:
        return False
    CardChallenge.objects.filter(pk=found.pk).delete()
    return found.expires_at > timezone.now()
