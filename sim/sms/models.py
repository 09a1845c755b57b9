from django.db import models


class Message(models.Model):
    """The outbox: every text the gateway was asked to send, readable by tests and operators."""

    phone = models.CharField(max_length=20, db_index=True)
    text = models.CharField(max_length=500)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
