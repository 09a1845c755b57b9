"""Writes of the declaration lifecycle: one service per state change (DESIGN §4 rule 2)."""

from .common import check_period, family_with
from .consistency import BlockingProblems, consistency_check, refuse_blocking_problems
from .feedback import apply_filings, apply_review, feedback_download, feedback_read
from .generate import batch_generate, batch_sign
from .lifecycle import (
    batch_confirm,
    batch_refresh,
    batch_revoke,
    batch_self_check,
    batch_upload,
    refresh_pending,
)

__all__ = [
    "BlockingProblems",
    "apply_filings",
    "apply_review",
    "batch_confirm",
    "batch_generate",
    "batch_refresh",
    "batch_revoke",
    "batch_self_check",
    "batch_sign",
    "batch_upload",
    "check_period",
    "consistency_check",
    "family_with",
    "feedback_download",
    "feedback_read",
    "refresh_pending",
    "refuse_blocking_problems",
]
