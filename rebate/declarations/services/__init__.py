"""Writes of the declaration lifecycle: one service per state change (DESIGN §4 rule 2)."""

from .consistency import consistency_check
from .feedback import apply_filings, apply_review, feedback_download, feedback_read
from .generate import batch_generate, batch_sign
from .lifecycle import batch_confirm, batch_refresh, batch_revoke, batch_self_check, refresh_pending
from .summary import summary_generate, summary_staleness

__all__ = [
    "apply_filings",
    "apply_review",
    "batch_confirm",
    "batch_generate",
    "batch_refresh",
    "batch_revoke",
    "batch_self_check",
    "batch_sign",
    "consistency_check",
    "feedback_download",
    "feedback_read",
    "refresh_pending",
    "summary_generate",
    "summary_staleness",
]
