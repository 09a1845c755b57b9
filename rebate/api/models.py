"""API tokens, idempotent POST results and the card challenges handed to API callers.

A token belongs to one user and so to one enterprise (EnterpriseOwned: the isolation harness
walks it like every tenant row). Only its SHA-256 is stored: the token is random (256 bits),
so a slow password hash would buy nothing and cost every request.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rebate.core.models import EnterpriseOwned


class ApiToken(EnterpriseOwned):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
        verbose_name="用户",
    )  # fmt: skip
    name = models.CharField("名称", max_length=100)
    prefix = models.CharField("令牌前缀", max_length=12)  # shown in lists to tell tokens apart
    token_hash = models.CharField("令牌摘要", max_length=64, unique=True)
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True)
    expires_at = models.DateTimeField("有效期至", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "API令牌"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "user", "name"], name="api_token_name")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "已撤销"
        return "已过期" if self.expired else "有效"


class IdempotentRequest(EnterpriseOwned):
    """The first answer to a POST carrying an Idempotency-Key, replayed to every repeat."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField("幂等键", max_length=200)
    fingerprint = models.CharField("请求摘要", max_length=64)  # method, path and body
    status_code = models.PositiveSmallIntegerField("响应状态", null=True, blank=True)
    body = models.JSONField("响应内容", null=True, blank=True)

    class Meta:
        verbose_name = "幂等请求"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key")]


class CardChallenge(EnterpriseOwned):
    """A single-use text for the card to sign: what the session keeps for the browser
    (accounts.cardauth.challenge_issue), kept per token for a caller without a session."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    text = models.CharField("签名原文", max_length=200, unique=True)
    expires_at = models.DateTimeField("有效期至")

    class Meta:
        verbose_name = "IC卡签名挑战"
        verbose_name_plural = verbose_name
