"""已申报: 报关单 whose lines the tax bureau approved, wherever they were declared.

Feedback read in (反馈读入 / 审核结果下载) brings the bureau's approved 明细 of declarations made
here or before this system (history). Their 报关单 become 已申报 with the 所属期, one audit row
each, so that 生成退税 refuses to generate (and so declare) them a second time. The declared
lines themselves are never touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from rebate.core import rows as row_writes
from rebate.core.models import StatusChange

from ..choices import GenerationStatus
from ..models import Declaration, DeclarationItem

CHUNK = 900  # parameters per IN (SQLite allows 999)


def _declaration_ids(enterprise: Any, item_keys: list[str]) -> set[int]:
    ids: set[int] = set()
    for start in range(0, len(item_keys), CHUNK):
        items = DeclarationItem.objects.for_enterprise(enterprise).filter(
            item_key__in=item_keys[start : start + CHUNK]
        )
        ids.update(items.values_list("declaration_id", flat=True))
    return ids


@transaction.atomic
def declarations_mark_declared(
    *, enterprise: Any, actor: Any, item_keys: Iterable[str], period: str, note: str
) -> int:
    """Mark the 报关单 holding any of ``item_keys`` 已申报 in ``period``; how many changed."""
    ids = sorted(_declaration_ids(enterprise, sorted(set(item_keys))))
    changed: list[Declaration] = []
    for start in range(0, len(ids), CHUNK):
        changed.extend(
            Declaration.objects.for_enterprise(enterprise)
            .filter(pk__in=ids[start : start + CHUNK])
            .exclude(generation_status=GenerationStatus.DECLARED)
            .only("enterprise", "generation_status")
        )
    if not changed:
        return 0
    values = {
        "generation_status": GenerationStatus.DECLARED,
        "declared_period": period,
        "updated_at": timezone.now(),
    }
    pks = [d.pk for d in changed]
    for start in range(0, len(pks), CHUNK):
        Declaration.objects.filter(pk__in=pks[start : start + CHUNK]).update(**values)
    row_writes.insert(
        StatusChange,
        [
            StatusChange(
                enterprise_id=d.enterprise_id,
                object_type=Declaration._meta.label_lower,
                object_id=str(d.pk),
                field="generation_status",
                from_state=d.generation_status,
                to_state=GenerationStatus.DECLARED,
                actor=actor if getattr(actor, "pk", None) else None,
                note=note[:500],
            )
            for d in changed
        ],
    )
    return len(changed)
