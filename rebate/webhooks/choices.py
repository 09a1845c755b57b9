"""The events an ERP may subscribe to, and where a delivery stands."""

from __future__ import annotations

from django.db import models


class Event(models.TextChoices):
    """The event names are the wire contract (docs/webhooks.md): never renamed, only added."""

    DECLARATIONS_DOWNLOADED = "declarations.downloaded", "报关单信息下载完成"
    BATCH_GENERATED = "batch.generated", "生成申报数据"
    BATCH_SELF_CHECKED = "batch.self_checked", "自检完成"
    BATCH_APPROVED = "batch.approved", "审核通过"
    BATCH_RETURNED = "batch.returned", "税局退回"
    DEADLINE_APPROACHING = "deadline.approaching", "申报期限临近"
    # Sent only by 发送测试消息 on the endpoint page, so a receiver can be tried out.
    PING = "ping", "测试消息"


SUBSCRIBABLE = [(value, label) for value, label in Event.choices if value != Event.PING]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    RETRYING = "retrying", "等待重试"
    SUCCEEDED = "succeeded", "发送成功"
    FAILED = "failed", "发送失败"


# Deliveries the worker still has to send (a dead worker's claim expires and the tick resends).
OPEN = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)
