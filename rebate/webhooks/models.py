"""Where an enterprise wants its events pushed, and every attempt to push one."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rebate.core.models import EnterpriseOwned

from .choices import DeliveryStatus, Event


class WebhookEndpoint(EnterpriseOwned):
    """A receiver of the ERP. Its signing secret is kept sealed (sealing.py): the server must
    read it to sign every delivery, so it cannot be hashed like a password; sealed, a copy of
    the database alone does not give it away. The clerk sees it once, when made or rotated."""

    name = models.CharField("名称", max_length=100)
    url = models.URLField("推送地址", max_length=500)
    events = models.JSONField("订阅事件", default=list)
    active = models.BooleanField("启用", default=True)
    sealed_secret = models.TextField("签名密钥（加密保存）")
    secret_hint = models.CharField("密钥末四位", max_length=4)
    secret_rotated_at = models.DateTimeField("密钥生成时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="创建人",
    )

    class Meta:
        verbose_name = "消息推送地址"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "url"], name="webhooks_endpoint_url_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.url}）"


class WebhookDelivery(EnterpriseOwned):
    """One event for one endpoint: the body is fixed when the event happens (retries send the
    same bytes, each attempt with a fresh timestamp and signature)."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name="推送地址",
    )
    event = models.CharField("事件", max_length=40, choices=Event.choices)
    event_id = models.CharField("事件编号", max_length=36, db_index=True)
    body = models.TextField("消息内容")
    # The same periodic event (申报期限临近 for one deadline) is delivered once per endpoint.
    dedupe_key = models.CharField("去重键", max_length=100, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    max_attempts = models.PositiveSmallIntegerField("最多尝试次数")
    next_attempt_at = models.DateTimeField("下次发送时间", null=True, blank=True)
    last_attempt_at = models.DateTimeField("最近发送时间", null=True, blank=True)
    # A worker sending it holds it until then; a worker that died lets it go by itself.
    claimed_until = models.DateTimeField("发送锁定至", null=True, blank=True)
    response_status = models.PositiveSmallIntegerField("响应状态码", null=True, blank=True)
    response_body = models.TextField("响应内容摘要", blank=True)
    error = models.CharField("错误信息", max_length=500, blank=True)
    delivered_at = models.DateTimeField("送达时间", null=True, blank=True)
    resent_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="重新发送自",
    )

    class Meta:
        verbose_name = "消息推送记录"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="webhooks_delivery_dedupe_uniq",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} → {self.endpoint.url}"
