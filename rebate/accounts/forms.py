from __future__ import annotations

from captcha.fields import CaptchaField
from django import forms

from rebate.core.forms import ConventionForm

from .choices import ManagementCategory

CAPTCHA_HINT = "请输入图片中的字符，不区分大小写"


class LoginForm(ConventionForm):
    username = forms.CharField(label="用户名", max_length=150, help_text="请输入注册时的用户名")
    password = forms.CharField(label="密码", widget=forms.PasswordInput, help_text="请输入登录密码")
    captcha = CaptchaField(
        label="验证码",
        help_text=CAPTCHA_HINT,
        error_messages={"invalid": "验证码错误"},
    )


class RegisterForm(ConventionForm):
    name = forms.CharField(label="纳税人名称", max_length=200, help_text="与营业执照一致的企业名称")
    uscc = forms.CharField(
        label="统一社会信用代码",
        max_length=18,
        min_length=18,
        help_text="18位统一社会信用代码，最后一位为校验位",
    )
    customs_code = forms.CharField(
        label="海关企业代码",
        max_length=10,
        min_length=10,
        help_text="10位海关企业代码，如 4403960A3U",
    )
    region = forms.CharField(
        label="所属地区",
        max_length=60,
        required=False,
        help_text="企业所在地区，如广东省深圳市；可不填",
    )
    category = forms.ChoiceField(
        label="分类管理类别", choices=ManagementCategory.choices, initial=ManagementCategory.CLASS_3
    )
    username = forms.CharField(
        label="用户名", max_length=150, help_text="登录用的用户名；同一个企业只能注册一个企业账号"
    )
    password = forms.CharField(
        label="密码", widget=forms.PasswordInput, min_length=8, help_text="至少8位"
    )
    phone = forms.CharField(
        label="手机号码",
        max_length=11,
        help_text="11位手机号码，找回密码的短信验证码只发送到该号码",
    )
    captcha = CaptchaField(
        label="验证码", help_text=CAPTCHA_HINT, error_messages={"invalid": "验证码错误"}
    )


class ForgotPasswordForm(ConventionForm):
    username = forms.CharField(label="用户名", max_length=150, help_text="请输入注册时的用户名")
    captcha = CaptchaField(
        label="验证码", help_text=CAPTCHA_HINT, error_messages={"invalid": "验证码错误"}
    )


class ResetPasswordForm(ConventionForm):
    code = forms.CharField(
        label="短信验证码", max_length=6, help_text="发送到注册手机号码的6位验证码"
    )
    new_password = forms.CharField(
        label="新密码", widget=forms.PasswordInput, min_length=8, help_text="新的登录密码，至少8位"
    )
    confirm_password = forms.CharField(
        label="确认新密码", widget=forms.PasswordInput, help_text="再次输入新密码，两次须一致"
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("new_password") != data.get("confirm_password"):
            self.add_error("confirm_password", "两次输入的密码不一致")
        return data
