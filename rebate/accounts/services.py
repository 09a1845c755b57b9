"""Writes for enterprises, users, cards, sign-in audit and password reset."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rebate.integrations.customs import get_customs_port
from rebate.integrations.http import PartyError
from rebate.integrations.sms import get_sms_port

from . import cardreader
from .choices import Role, SignInMethod
from .models import Card, Enterprise, PasswordResetCode, SignInEvent, User
from .validators import validate_customs_code, validate_phone, validate_uscc

ONE_ACCOUNT_PER_ENTERPRISE = "同一个企业，只允许注册一个企业账号"
NO_CARD_BOUND = "您无权限操作该数据"
RESET_CODE_TTL = timedelta(minutes=5)
RESET_CODE_MAX_ATTEMPTS = 5


@transaction.atomic
def enterprise_register(
    *,
    name: str,
    uscc: str,
    customs_code: str,
    region: str,
    category: str,
    username: str,
    password: str,
    phone: str,
) -> User:
    """Register an enterprise and its first user (an administrator). PT-06: one per enterprise."""
    uscc = uscc.strip().upper()
    customs_code = customs_code.strip().upper()
    validate_uscc(uscc)
    validate_customs_code(customs_code)
    validate_phone(phone)
    # The message stands next to the code that names an enterprise already registered.
    for field, value in (("uscc", uscc), ("customs_code", customs_code)):
        if Enterprise.objects.filter(**{field: value}).exists():
            raise ValidationError({field: ONE_ACCOUNT_PER_ENTERPRISE})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": "该用户名已被使用"})
    enterprise = Enterprise(
        name=name, uscc=uscc, customs_code=customs_code, region=region, category=category
    )
    enterprise.full_clean()
    try:
        enterprise.save()
    except IntegrityError as exc:  # a concurrent registration won the race
        raise ValidationError(ONE_ACCOUNT_PER_ENTERPRISE) from exc
    user = User(username=username, enterprise=enterprise, role=Role.ADMIN, phone=phone)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_create(
    *, enterprise: Enterprise, username: str, password: str, role: str, phone: str = ""
) -> User:
    user = User(username=username, enterprise=enterprise, role=role, phone=phone)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def card_bind(*, user: User, card_no: str, public_key_pem: str) -> Card:
    """Bind a card to the user (one card per user, one user per card)."""
    if user.enterprise is None:
        raise ValidationError("该用户不属于任何企业，不能绑定IC卡")
    if Card.objects.filter(user=user).exists():
        raise ValidationError("该用户已绑定IC卡/Ikey")
    if Card.objects.filter(card_no=card_no).exists():
        raise ValidationError(f"卡号 {card_no} 已绑定其他用户")
    card = Card(user=user, card_no=card_no, public_key_pem=public_key_pem)
    card.full_clean()
    card.save()
    _register_at_eport(user.enterprise, card_no, public_key_pem)
    return card


@transaction.atomic
def card_replace_key(*, card: Card, public_key_pem: str) -> Card:
    """A re-issued card keeps its number and gets a new key pair, registered again at the e-port."""
    card.public_key_pem = public_key_pem
    card.save(update_fields=["public_key_pem"])
    enterprise = card.user.enterprise
    assert enterprise is not None
    _register_at_eport(enterprise, card.card_no, public_key_pem)
    return card


def _register_at_eport(enterprise: Enterprise, card_no: str, public_key_pem: str) -> None:
    """The e-port card authority must know the card: the tax bureau trusts what it issued."""
    try:
        get_customs_port().register_card(
            customs_code=enterprise.customs_code, card_no=card_no, public_key_pem=public_key_pem
        )
    except PartyError as exc:
        raise ValidationError(f"IC卡登记失败：{exc}") from exc


def card_bind_inserted(*, user: User, card_no: str) -> Card:
    """Bind the card now in the reader: its public key is read from the card itself."""
    return card_bind(user=user, card_no=card_no, public_key_pem=cardreader.public_key_pem(card_no))


def card_issue_and_bind(*, user: User, card_no: str) -> Card:
    """Simulated e-port card issue: a new key pair in the reader, bound to the user."""
    return card_bind(user=user, card_no=card_no, public_key_pem=cardreader.issue_card(card_no))


def require_bound_card(user: User) -> Card:
    """CK-04: data operations need an account bound to an e-port card."""
    card = Card.objects.filter(user_id=user.pk).first()
    if card is None:
        raise PermissionDenied(NO_CARD_BOUND)
    return card


def require_signing_card(user: User, inserted_card_no: str | None) -> Card:
    """CK-05: declaring needs the inserted card to be the bound one."""
    card = require_bound_card(user)
    if not inserted_card_no or inserted_card_no not in cardreader.inserted_cards():
        raise PermissionDenied(str(cardreader.CardNotInserted()))
    if inserted_card_no != card.card_no:
        raise PermissionDenied(
            f"当前卡号 {inserted_card_no} 与用户注册信息卡号 {card.card_no} 不一致，无法进行申报"
        )
    return card


def sign_in_record(
    *, username: str, method: str, success: bool, reason: str = "", ip: str | None = None
) -> SignInEvent:
    user = User.objects.filter(username=username).first()
    return SignInEvent.objects.create(
        username=username[:150],
        user=user,
        method=method,
        success=success,
        reason=reason[:200],
        ip=ip,
    )


def card_sign_in_verify(*, card_no: str, challenge: bytes, signature: bytes) -> User:
    """PT-05: the card signed the server's challenge; the bound user is signed in."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    card = Card.objects.select_related("user").filter(card_no=card_no).first()
    if card is None:
        raise ValidationError(f"卡号 {card_no} 未绑定任何用户，请先用用户名密码登录并绑定")
    key = serialization.load_pem_public_key(card.public_key_pem.encode())
    assert isinstance(key, ec.EllipticCurvePublicKey)
    try:
        key.verify(signature, challenge, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise ValidationError("卡介质签名验证失败") from exc
    if not card.user.is_active:
        raise ValidationError("该用户已停用")
    return card.user


def password_reset_request(*, username: str) -> None:
    """PT-07/08: send a 6-digit code to the phone given at registration, and only to it."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None or not user.phone:
        raise ValidationError({"username": "用户名不存在或未登记手机号码"})
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        PasswordResetCode.objects.filter(user=user, used=False).update(used=True)
        PasswordResetCode.objects.create(
            user=user,
            code_hash=make_password(code),
            expires_at=timezone.now() + RESET_CODE_TTL,
        )
    get_sms_port().send(
        phone=user.phone,
        text=f"【单一窗口】您的出口退税密码重置验证码为{code}，5分钟内有效。",
    )


@transaction.atomic
def password_reset_confirm(*, username: str, code: str, new_password: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    entry = (
        PasswordResetCode.objects.select_for_update()
        .filter(user=user, used=False)
        .order_by("-created_at")
        .first()
        if user
        else None
    )
    if user is None or entry is None:
        raise ValidationError({"code": "请先获取短信验证码"})
    if entry.expires_at < timezone.now() or entry.attempts >= RESET_CODE_MAX_ATTEMPTS:
        raise ValidationError({"code": "短信验证码已过期，请重新获取"})
    if not check_password(code.strip(), entry.code_hash):
        entry.attempts += 1
        entry.save(update_fields=["attempts"])
        raise ValidationError({"code": "短信验证码错误"})
    from django.contrib.auth.password_validation import validate_password

    validate_password(new_password, user)
    entry.used = True
    entry.save(update_fields=["used"])
    user.set_password(new_password)
    user.save(update_fields=["password"])
    return user


def demo_allowed() -> bool:
    return bool(getattr(settings, "DEMO_ALLOWED", False))


SIGN_IN_METHODS = SignInMethod
