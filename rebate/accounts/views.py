"""Sign-in pages: password + captcha, card, registration, forgot password, logout."""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rebate.core.records import apply_validation_error
from rebate.integrations.http import PartyError

from . import cardauth, services
from .access import request_user
from .choices import SignInMethod
from .forms import (
    ForgotPasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
)
from .models import Card, User


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
    if request.method == "GET" and request.user.is_authenticated:
        # PT-09: the portal's 出口退税 leads a signed-in clerk on, not to a second sign-in.
        return redirect(_next_url(request))
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


def _card_username(card_no: str) -> str:
    """Card sign-in failures count against the card's holder, as a wrong password would."""
    card = Card.objects.select_related("user").filter(card_no=card_no).first()
    return card.user.username if card else card_no


def _card_sign_in(request: HttpRequest) -> User:
    """The checks of PT-05 in order; the first failing one raises its message."""
    if request.POST.get("pin_failed"):
        raise ValidationError(cardauth.WRONG_PIN)
    signed = cardauth.signed_text_from(request.POST)
    if signed is None:
        raise ValidationError(cardauth.NOT_INSERTED)
    if not cardauth.challenge_take(request.session, signed.text):
        raise ValidationError("登录请求已过期，请重新登录")
    return services.card_sign_in_verify(signed=signed)


@login_not_required
def card_login_view(request: HttpRequest) -> HttpResponse:
    """PT-05: 插卡 with the PIN in the browser; the card signs a fresh challenge.

    Every refusal, a wrong PIN included, is a failed sign-in for django-axes.
    """
    context: dict[str, Any] = {"next": _next_url(request)}
    if request.method == "POST":
        card_no = request.POST.get("card_no", "").strip()[:20]
        credentials = {"username": _card_username(card_no)}
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request)
        try:
            user = _card_sign_in(request)
        except ValidationError as exc:
            message = exc.messages[0]
            services.sign_in_record(
                username=credentials["username"],
                method=SignInMethod.CARD,
                success=False,
                reason=message,
                ip=_client_ip(request),
            )
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request)
            context["error"] = message
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            services.sign_in_record(
                username=user.username,
                method=SignInMethod.CARD,
                success=True,
                ip=_client_ip(request),
            )
            return redirect(_next_url(request))
    return render(request, "accounts/card_login.html", context)


@login_not_required
@require_POST
def card_challenge_view(request: HttpRequest) -> JsonResponse:
    """A fresh single-use text for the inserted card to sign (sign-in, binding, declaring)."""
    return JsonResponse({"text": cardauth.challenge_issue(request.session)})


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
    """The card reader: 插卡/拔卡 happen in the browser; binding proves the inserted card."""
    user = request_user(request)
    error = ""
    if request.method == "POST":
        signed = cardauth.signed_text_from(request.POST)
        try:
            if signed is None:
                raise ValidationError(cardauth.NOT_INSERTED)
            if not cardauth.challenge_take(request.session, signed.text):
                raise ValidationError(cardauth.BAD_SIGNATURE)
            services.card_bind(user=user, card_no=signed.card_no, signed=signed)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, f"已绑定IC卡 {signed.card_no}")
            return redirect("accounts:card")
    bound = Card.objects.filter(user_id=user.pk).first()
    context = {"bound": bound, "error": error, "wrong_pin": cardauth.WRONG_PIN}
    return render(request, "accounts/card.html", context)
