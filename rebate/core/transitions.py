"""Status is a plain field plus a transition table; transition() is the one way to change it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import StatusChange

TransitionTable = Mapping[str, Iterable[str]]


class TransitionNotAllowed(ValidationError):
    pass


def allowed_targets(table: TransitionTable, state: str) -> set[str]:
    return set(table.get(state, ()))


@transaction.atomic
def transition(
    obj: Any,
    to_state: str,
    *,
    table: TransitionTable,
    actor: Any,
    field: str = "status",
    note: str = "",
    labels: Mapping[str, str] | None = None,
    extra_fields: Iterable[str] = (),
) -> StatusChange:
    """Move obj from its current state to to_state if the table allows it; log the change.

    The row is locked first so that two users pressing the same button end with one change.
    """
    model = type(obj)
    locked = model.objects.select_for_update().get(pk=obj.pk)
    from_state = getattr(locked, field)
    if to_state not in allowed_targets(table, from_state):
        names = labels or {}
        raise TransitionNotAllowed(
            f"当前状态「{names.get(from_state, from_state)}」不能变更为"
            f"「{names.get(to_state, to_state)}」。"
        )
    setattr(obj, field, to_state)
    obj.save(update_fields=[field, "updated_at", *extra_fields])
    return StatusChange.objects.create(
        enterprise_id=obj.enterprise_id,
        object_type=model._meta.label_lower,
        object_id=str(obj.pk),
        field=field,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note[:500],
    )
