"""The tax bureau as the declarations app sees it: ``TaxBureauPort`` and its status words.

Services take ``port`` explicitly (tests pass a fake); by default the configured port is used.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from rebate.integrations.http import PartyError
from rebate.integrations.taxbureau import Receipt, TaxBureauPort, get_taxbureau_port
from rebate.integrations.wire import feedback as wire

from .choices import BatchStatus

__all__ = ["Receipt", "TaxBureauPort", "bureau", "call", "status_of"]

# The bureau's status words (wire.feedback.STATUSES) → batch states.
STATUS_MAP: dict[str, str] = {
    wire.CHECKING: BatchStatus.CHECKING,
    wire.CHECKED: BatchStatus.CHECKED,
    wire.BLOCKED: BatchStatus.BLOCKED,
    wire.UNDER_REVIEW: BatchStatus.DECLARED,
    wire.UPLOADED: BatchStatus.UPLOADED,
    wire.PASSED: BatchStatus.PASSED,
    wire.RETURNED: BatchStatus.RETURNED,
    wire.REVOKED: BatchStatus.REVOKED,
}


def bureau() -> TaxBureauPort:
    return get_taxbureau_port()


def status_of(bureau_status: str) -> str:
    return STATUS_MAP.get(bureau_status, "")


def call(method: Any, **kwargs: Any) -> Any:
    """Call a port method; the bureau's refusal becomes a ValidationError in its own words."""
    try:
        return method(**kwargs)
    except PartyError as exc:
        raise ValidationError(str(exc)) from exc
