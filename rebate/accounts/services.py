"""Writes for enterprises, users, cards, sign-in audit and password reset."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rebate.integrations.customs import CardHolder, get_customs_port
from rebate.integrations.http import PartyError
from rebate.integrations.sms import get_sms_port

from . import cardauth
from .cardauth import SignedText
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


def _eport_holder(enterprise: Enterprise, card_no: str) -> CardHolder:
    """The card as the e-port card authority issued it: the bureau trusts the same record."""
    if not cardauth.CARD_NO.match(card_no):
        raise ValidationError("卡号格式错误：应为6至20位数字或大写字母")
    elsewhere = ValidationError(f"卡号 {card_no} 不是电子口岸发给本企业的IC卡")
    try:
        holder = get_customs_port().card_holder(
            customs_code=enterprise.customs_code, card_no=card_no
        )
    except PartyError as exc:
        if exc.status == 403:
            raise elsewhere from exc
        raise ValidationError(f"IC卡查询失败：{exc}") from exc
    if holder is None:
        raise ValidationError(f"卡号 {card_no} 未在电子口岸发卡或已注销")
    if holder.customs_code != enterprise.customs_code:
        raise elsewhere
    return holder


@transaction.atomic
def card_bind(*, user: User, card_no: str, signed: SignedText | None) -> Card:
    """Bind a card to the user (one card per user, one user per card).

    The public key comes from the e-port card authority, never from the browser; ``signed`` is
    the inserted card's signature of a fresh challenge, proving the clerk holds that card.
    Only operator-run setup (the demo) binds without it.
    """
    if user.enterprise is None:
        raise ValidationError("该用户不属于任何企业，不能绑定IC卡")
    if Card.objects.filter(user=user).exists():
        raise ValidationError("该用户已绑定IC卡/Ikey")
    if Card.objects.filter(card_no=card_no).exists():
        raise ValidationError(f"卡号 {card_no} 已绑定其他用户")
    holder = _eport_holder(user.enterprise, card_no)
    if signed is not None and not (
        signed.card_no == card_no
        and cardauth.verify(holder.public_key_pem, signed.text, signed.signature)
    ):
        raise ValidationError(cardauth.BAD_SIGNATURE)
    card = Card(user=user, card_no=card_no, public_key_pem=holder.public_key_pem)
    card.full_clean()
    card.save()
    return card


@transaction.atomic
def card_refresh_key(*, card: Card) -> Card:
    """A re-issued card keeps its number and gets a new key pair: read it from the e-port again."""
    enterprise = card.user.enterprise
    assert enterprise is not None
    card.public_key_pem = _eport_holder(enterprise, card.card_no).public_key_pem
    card.save(update_fields=["public_key_pem"])
    return card


def require_bound_card(user: User) -> Card:
    """CK-04: data operations need an account bound to an e-port card."""
    card = Card.objects.filter(user_id=user.pk).first()
    if card is None:
        raise PermissionDenied(NO_CARD_BOUND)
    return card


def require_inserted_card(user: User, signed: SignedText | None) -> Card:
    """CK-05: the card the browser signed with must be the one bound to the account."""
    card = require_bound_card(user)
    if signed is None:
        raise PermissionDenied(cardauth.NOT_INSERTED)
    if signed.card_no != card.card_no:
        raise PermissionDenied(
            f"当前卡号 {signed.card_no} 与用户注册信息卡号 {card.card_no} 不一致，无法进行申报"
        )
    return card


def require_signing_card(
    user: User, signed: SignedText | None, *, is_fresh: Callable[[str], bool]
) -> Card:
    """CK-01/05: declaring needs the bound card inserted, shown by its signature of a fresh text.

    ``is_fresh`` says whether the signed text is a challenge this session was given (and uses
    it up); the browser signs one for every action that needs the card.
    """
    card = require_inserted_card(user, signed)
    assert signed is not None
    if not is_fresh(signed.text) or not cardauth.verify(
        card.public_key_pem, signed.text, signed.signature
    ):
        raise PermissionDenied(cardauth.BAD_SIGNATURE)
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


def card_sign_in_verify(*, signed: SignedText) -> User:
    """PT-05: the card signed the server's challenge; the bound user is signed in."""
    card = Card.objects.select_related("user").filter(card_no=signed.card_no).first()
    if card is None:
        raise ValidationError(f"卡号 {signed.card_no} 未绑定任何用户，请先用用户名密码登录并绑定")
    if not cardauth.verify(card.public_key_pem, signed.text, signed.signature):
        raise ValidationError(cardauth.BAD_SIGNATURE)
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
