"""What the lifecycle tells an ERP (rebate.webhooks): one helper per event, so each service
that finishes a step calls one line. Figures are the family's own (labelled by its columns);
amounts are Decimal strings, never floats."""

from __future__ import annotations

from typing import Any

from rebate.webhooks.choices import Event
from rebate.webhooks.events import emit

from .choices import BatchStatus as S
from .families import known_family
from .models import DeclarationBatch, ReviewRecord


def _batch(batch: DeclarationBatch) -> dict[str, Any]:
    return {
        "id": batch.pk,
        "number": batch.number,
        "family": batch.family,
        "business_code": batch.business_code,
        "period": batch.period,
        "status": batch.status,
        "status_label": batch.get_status_display(),
        "receipt_no": batch.receipt_no,
        "line_count": batch.line_count,
        "record_count": batch.record_count,
        "figures": dict(batch.figures),
    }


def batch_generated(batch: DeclarationBatch) -> None:
    emit(batch.enterprise, Event.BATCH_GENERATED, {"batch": _batch(batch)})


def batch_self_checked(batch: DeclarationBatch) -> None:
    doubts = batch.doubts.all()
    data = {
        "batch": _batch(batch),
        "doubt_count": doubts.count(),
        "blocking_count": doubts.filter(skippable=False).count(),
    }
    emit(batch.enterprise, Event.BATCH_SELF_CHECKED, data)


def batch_reviewed(batch: DeclarationBatch, review: ReviewRecord) -> None:
    """审核通过 / 税局退回 with the bureau's approved figures beside the declared ones."""
    if batch.status not in (S.PASSED, S.RETURNED):
        return
    family = known_family(batch.family)
    columns = family.review.columns if family is not None else ()
    labels = {c.key: c.label for c in columns}
    approved = [
        {"key": key, "label": labels.get(key, key), "value": value}
        for key, value in review.figures.items()
    ]
    data = {
        "batch": _batch(batch),
        "reviewed_on": review.reviewed_on,
        "approved": approved,
        "reasons": review.reasons,
    }
    event = Event.BATCH_APPROVED if batch.status == S.PASSED else Event.BATCH_RETURNED
    emit(batch.enterprise, event, data)
