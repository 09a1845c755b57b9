from django.db import models


class Message(models.Model):
    """The outbox: every text the gateway was asked to send, readable on the phone it went to."""

    phone = models.CharField(max_length=20, db_index=True)
    text = models.CharField(max_length=500)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]


class Phone(models.Model):
    """A simulated handset: its messages are shown only to whoever unlocks it with its PIN."""

    number = models.CharField("手机号码", max_length=20, unique=True)
    pin_hash = models.CharField("解锁密码摘要", max_length=200)
    failures = models.PositiveSmallIntegerField("连续解锁失败次数", default=0)
