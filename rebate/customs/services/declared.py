"""已申报: 报关单 whose lines the tax bureau approved, wherever they were declared.

Feedback read in (反馈读入 / 审核结果下载) brings the bureau's approved 明细 of declarations made
here or before this system (history). Their 报关单 become 已申报 with the 所属期, one audit row
each, so that 生成退税 refuses to generate (and so declare) them a second time. The declared
lines themselves are never touched. The approved item keys are kept (ApprovedItem), so a 报关单
downloaded after its feedback was read in is 已申报 as soon as it is stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from rebate.accounts.models import Enterprise, User
from rebate.core import rows as row_writes
from rebate.core.models import StatusChange

from ..choices import GenerationStatus
from ..models import ApprovedItem, Declaration, DeclarationItem

CHUNK = 900  # parameters per IN (SQLite allows 999)


def _declaration_ids(enterprise: Enterprise, item_keys: list[str]) -> set[int]:
    ids: set[int] = set()
    for start in range(0, len(item_keys), CHUNK):
        items = DeclarationItem.objects.for_enterprise(enterprise).filter(
            item_key__in=item_keys[start : start + CHUNK]
        )
        ids.update(items.values_list("declaration_id", flat=True))
    return ids


def _remember_approved(enterprise: Enterprise, keys: list[str], period: str, note: str) -> None:
    known: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        known.update(
            ApprovedItem.objects.for_enterprise(enterprise)
            .filter(item_key__in=keys[start : start + CHUNK])
            .values_list("item_key", flat=True)
        )
    row_writes.insert(
        ApprovedItem,
        [
            ApprovedItem(enterprise=enterprise, item_key=key, period=period, note=note[:500])
            for key in keys
            if key not in known
        ],
    )


@transaction.atomic
def declarations_mark_declared(
    *, enterprise: Enterprise, actor: User | None, item_keys: Iterable[str], period: str, note: str
) -> int:
    """Mark the 报关单 holding any of ``item_keys`` 已申报 in ``period``; how many changed."""
    keys = sorted(set(item_keys))
    _remember_approved(enterprise, keys, period, note)
    return _mark(enterprise, actor, sorted(_declaration_ids(enterprise, keys)), period, note)


def declarations_mark_approved_on_store(
    *, enterprise: Enterprise, actor: User | None, item_keys: Iterable[str]
) -> int:
    """报关单 just stored whose items the bureau already approved become 已申报 (history first)."""
    keys = sorted(set(item_keys))
    approved: dict[tuple[str, str], list[str]] = {}
    for start in range(0, len(keys), CHUNK):
        rows = ApprovedItem.objects.for_enterprise(enterprise).filter(
            item_key__in=keys[start : start + CHUNK]
        )
        for key, period, note in rows.values_list("item_key", "period", "note"):
            approved.setdefault((period, note), []).append(key)
    return sum(
        _mark(enterprise, actor, sorted(_declaration_ids(enterprise, found)), period, note)
        for (period, note), found in sorted(approved.items())
    )


def _mark(
    enterprise: Enterprise, actor: User | None, ids: list[int], period: str, note: str
) -> int:
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
