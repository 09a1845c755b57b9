"""The signature a receiver checks (docs/webhooks.md): HMAC-SHA256 over "timestamp.body"."""

from __future__ import annotations

import hashlib
import hmac

TIMESTAMP_HEADER = "X-Rebate-Timestamp"
SIGNATURE_HEADER = "X-Rebate-Signature"
EVENT_HEADER = "X-Rebate-Event"
DELIVERY_HEADER = "X-Rebate-Delivery"
# Receivers refuse a timestamp further than this from their clock (replay of a captured request).
TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signed: str, now: float) -> bool:
    """What a receiver does; the product's tests use it against what the worker sent."""
    if not timestamp.isdigit() or abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, int(timestamp), body), signed)
