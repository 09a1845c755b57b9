"""The tenant (Enterprise), its users, their cards, sign-in audit and password-reset codes."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from .choices import ManagementCategory, RefundMethod, Role, SignInMethod


class Enterprise(models.Model):
    """An exporting manufacturer: the tenant. Every EnterpriseOwned row points here."""

    name = models.CharField("纳税人名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    customs_code = models.CharField("海关企业代码", max_length=10, unique=True)
    region = models.CharField("所属地区", max_length=60, blank=True)
    category = models.CharField(
        "分类管理类别",
        max_length=1,
        choices=ManagementCategory.choices,
        default=ManagementCategory.CLASS_3,
    )
    refund_method = models.CharField(
        "退税计算方法",
        max_length=1,
        choices=RefundMethod.choices,
        default=RefundMethod.EXEMPT_CREDIT_REFUND,
    )
    created_at = models.DateTimeField("注册时间", auto_now_add=True)

    class Meta:
        verbose_name = "企业"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name

    @property
    def taxpayer_id(self) -> str:
        """纳税人识别号: for enterprises registered since 2015 it equals the USCC."""
        return self.uscc


class User(AbstractUser):
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name="企业",
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices, default=Role.CLERK)
    phone = models.CharField("手机号码", max_length=11, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = verbose_name


class Card(models.Model):
    """The 电子口岸 IC card / Ikey bound to a user: its number and public key.

    The private key never leaves the card (here: the clerk's browser, cardauth.py); the public
    key is the one the e-port card authority published for the card number.
    """

    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="card")
    card_no = models.CharField("卡号", max_length=20, unique=True)
    public_key_pem = models.TextField("公钥")
    bound_at = models.DateTimeField("绑定时间", auto_now_add=True)

    class Meta:
        verbose_name = "IC卡/Ikey"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.card_no


class SignInEvent(models.Model):
    """Audit of every sign-in attempt, successful or not."""

    username = models.CharField("用户名", max_length=150)
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True)
    method = models.CharField("方式", max_length=10, choices=SignInMethod.choices)
    success = models.BooleanField("成功")
    reason = models.CharField("原因", max_length=200, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "登录记录"
        verbose_name_plural = verbose_name
        ordering = ["-at"]


class PasswordResetCode(models.Model):
    """An SMS verification code for 忘记密码; stored hashed, single use, short-lived."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
