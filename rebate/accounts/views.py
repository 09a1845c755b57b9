"""Sign-in pages: password + captcha, card, registration, forgot password, logout."""

from __future__ import annotations

import secrets
from typing import Any

from axes.helpers import get_cool_off
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rebate.core.records import apply_validation_error
from rebate.integrations.http import PartyError

from . import cardreader, services
from .choices import SignInMethod
from .forms import (
    CardLoginForm,
    CardSelectForm,
    ForgotPasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
)


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/ckts/"


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes: the account is locked; say so and say for how long."""
    minutes = (
        max(1, int(get_cool_off(request).total_seconds() // 60)) if get_cool_off(request) else 15
    )
    form = LoginForm(request.POST or None)
    form.errors.clear()
    form.add_error(None, f"登录失败次数过多，账号已被锁定，请{minutes}分钟后再试")
    return render(request, "accounts/login.html", {"form": form, "locked": True}, status=403)


@login_not_required
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None:
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request)
            services.sign_in_record(
                username=username,
                method=SignInMethod.PASSWORD,
                success=False,
                reason="用户名或密码错误",
                ip=_client_ip(request),
            )
            form.add_error(None, "用户名或密码错误")
        else:
            login(request, user)
            services.sign_in_record(
                username=username,
                method=SignInMethod.PASSWORD,
                success=True,
                ip=_client_ip(request),
            )
            return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@login_not_required
def card_login_view(request: HttpRequest) -> HttpResponse:
    """PT-05: the reader signs a fresh server challenge; the bound user is signed in."""
    form = CardLoginForm(request.POST or None, cards=cardreader.inserted_cards())
    if request.method == "POST" and form.is_valid():
        card_no = form.cleaned_data["card_no"]
        challenge = secrets.token_bytes(32)
        try:
            signature = cardreader.sign(card_no, challenge)
            user = services.card_sign_in_verify(
                card_no=card_no, challenge=challenge, signature=signature
            )
        except (ValidationError, cardreader.CardNotInserted) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            services.sign_in_record(
                username=card_no,
                method=SignInMethod.CARD,
                success=False,
                reason=message,
                ip=_client_ip(request),
            )
            form.add_error(None, message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session["card_no"] = card_no
            services.sign_in_record(
                username=user.username,
                method=SignInMethod.CARD,
                success=True,
                ip=_client_ip(request),
            )
            return redirect(_next_url(request))
    return render(request, "accounts/card_login.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:portal")


@login_not_required
def register_view(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "captcha"}
        try:
            services.enterprise_register(**data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "注册成功，请登录")
            return redirect("accounts:login")
    return render(request, "accounts/register.html", {"form": form})


@login_not_required
def forgot_password_view(request: HttpRequest) -> HttpResponse:
    """PT-07: 用户名 + 验证码 → 下一步 sends the SMS code."""
    form = ForgotPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        try:
            services.password_reset_request(username=username)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except PartyError as exc:
            form.add_error(None, str(exc))
        else:
            request.session["reset_username"] = username
            return redirect("accounts:reset_password")
    return render(request, "accounts/forgot_password.html", {"form": form})


@login_not_required
def reset_password_view(request: HttpRequest) -> HttpResponse:
    """PT-08: the SMS code and the new password."""
    username = request.session.get("reset_username")
    if not username:
        return redirect("accounts:forgot_password")
    form = ResetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_confirm(
                username=username,
                code=form.cleaned_data["code"],
                new_password=form.cleaned_data["new_password"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            del request.session["reset_username"]
            messages.success(request, "密码已重置，请使用新密码登录")
            return redirect("accounts:login")
    return render(request, "accounts/reset_password.html", {"form": form, "username": username})


def card_view(request: HttpRequest) -> HttpResponse:
    """The simulated card reader: which card is connected for this session, and binding."""
    user: Any = request.user
    cards = cardreader.inserted_cards()
    form = CardSelectForm(request.POST or None, cards=cards)
    if request.method == "POST" and form.is_valid():
        card_no = form.cleaned_data["card_no"]
        if request.POST.get("action") == "bind":
            try:
                services.card_bind_inserted(user=user, card_no=card_no)
            except ValidationError as exc:
                apply_validation_error(form, exc)
                return render(request, "accounts/card.html", {"form": form, "cards": cards})
            messages.success(request, f"已绑定IC卡 {card_no}")
        request.session["card_no"] = card_no
        messages.info(request, f"当前使用的卡：{card_no}")
        return redirect("accounts:card")
    bound = getattr(user, "card", None) if hasattr(user, "card") else None
    return render(
        request,
        "accounts/card.html",
        {
            "form": form,
            "cards": cards,
            "bound": bound,
            "connected": request.session.get("card_no", ""),
        },
    )
