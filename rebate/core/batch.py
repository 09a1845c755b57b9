"""The write path of the batch records (core.models.BatchRecord) and their RecordType.

A `BatchServices` holds one model's services: create / update / delete / create_many /
update_many, keyword-only with `enterprise` and `actor`, one transaction each. They number new
lines per 所属期, recompute the computed columns through the model's `compute` (a rebate.calc
caller), full_clean, and refuse lines inside a generated or declared batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max

from . import instances
from . import rows as row_writes
from .filters import period_filter
from .models import RecordStatus
from .records import RecordType, register

LOCKED_MESSAGE = "该记录已生成申报数据（批次 {batch}），不能修改；撤销申报数据后方可修改"
DECLARED_MESSAGE = "该记录已正式申报，不能修改；更正请使用货物冲减或在下期申报中调整"


MAX_REFUSALS = 20  # refusals named in one 批量修改 message (core.bulk shows as many)


def read_only_reason(obj: Any) -> str:
    """Why a batch record cannot be changed, or "" when it can."""
    if obj.status == RecordStatus.DECLARED:
        return DECLARED_MESSAGE
    if obj.status == RecordStatus.GENERATED or obj.declaration_batch_id is not None:
        return LOCKED_MESSAGE.format(batch=obj.declaration_batch_id or "—")
    return ""


def check_writable(obj: Any, enterprise: Any) -> None:
    if obj.enterprise_id != enterprise.pk:
        raise PermissionDenied("您无权限操作该数据")
    reason = read_only_reason(obj)
    if reason:
        raise ValidationError(reason)


def _refusals(rows: Sequence[Any]) -> list[str]:
    """「line」：why, per refused row; rows read with few columns are read whole once here
    (their text names columns the rules do not read)."""
    partial = [row.pk for row in rows if row.get_deferred_fields()]
    whole = type(rows[0])._base_manager.in_bulk(partial) if partial else {}
    return [f"「{whole.get(row.pk, row)}」：{read_only_reason(row)}" for row in rows]


def number_lines(model: type[models.Model], enterprise: Any, rows: Iterable[Any]) -> None:
    """Give rows without a 申报序号 the next numbers of their 所属期 (0001, 0002…)."""
    counters: dict[str, int] = {}
    manager: Any = model._default_manager
    for row in rows:
        if row.sequence_no:
            continue
        if row.period not in counters:
            last = manager.filter(enterprise=enterprise, period=row.period).aggregate(
                last=Max("sequence_no")
            )["last"]
            counters[row.period] = int(last) + 1 if last and last.isdigit() else 1
        row.sequence_no = f"{counters[row.period]:04d}"
        counters[row.period] += 1


def _no_compute(rows: Sequence[Any]) -> None:
    return None


@dataclass(frozen=True)
class BatchServices:
    model: type[models.Model]
    compute: Callable[[Sequence[Any]], None] = _no_compute
    computed: tuple[str, ...] = ()
    defaults: Mapping[str, Any] | None = None  # extra values of rows created by hand
    check: Callable[[Any, Any], None] | None = None  # (enterprise, row) → raise to refuse
    inputs: tuple[str, ...] = ()  # the fields `compute` reads; 批量修改 then loads only those
    check_inputs: tuple[str, ...] = ()  # the fields `check` reads (loaded with `inputs`)

    def _prepare(self, enterprise: Any, rows: list[Any]) -> list[Any]:
        if self.check:
            for row in rows:
                self.check(enterprise, row)
        number_lines(self.model, enterprise, rows)
        self.compute(rows)
        return rows

    @transaction.atomic
    def create(self, *, enterprise: Any, actor: Any, data: Mapping[str, Any]) -> Any:
        row = self.model(enterprise=enterprise, **{**(self.defaults or {}), **data})
        self._prepare(enterprise, [row])
        row.full_clean()
        row.save()
        return row

    @transaction.atomic
    def create_many(
        self,
        *,
        enterprise: Any,
        actor: Any,
        rows: Sequence[Mapping[str, Any]],
        checked: Sequence[str] = (),
    ) -> list[Any]:
        """Imports and 生成退税: bulk insert, all or nothing. `checked` names fields the caller's
        form already validated (the import does, row by row); the rest are validated here."""
        defaults = self.defaults or {}
        objects = instances.build(self.model, rows, enterprise=enterprise, **defaults)
        self._prepare(enterprise, objects)
        skip = [n for n in checked if n not in self.computed and n != "sequence_no"]
        row_writes.validate(objects, exclude=["enterprise", *skip])
        return row_writes.insert(self.model, objects)

    @transaction.atomic
    def update(self, *, obj: Any, enterprise: Any, actor: Any, data: Mapping[str, Any]) -> Any:
        check_writable(obj, enterprise)
        changed = [n for n, v in data.items() if n not in self.computed and getattr(obj, n) != v]
        if not changed:
            return obj
        for name in changed:
            setattr(obj, name, data[name])
        if self.check:
            self.check(enterprise, obj)
        self.compute([obj])
        obj.full_clean()
        obj.save(update_fields=[*changed, *self.computed, "updated_at"])
        return obj

    @transaction.atomic
    def update_many(
        self, *, enterprise: Any, actor: Any, objects: Iterable[Any], data: Mapping[str, Any]
    ) -> int:
        """批量修改: the same rules as `update`, applied to many rows with one executemany.
        `objects` may be a QuerySet: it is then read with the columns the rules need only."""
        names = [n for n in data if n not in self.computed]
        objects = self._load(objects, names)
        refused = [o for o in objects if read_only_reason(o)]
        if any(o.enterprise_id != enterprise.pk for o in objects):
            raise PermissionDenied("您无权限操作该数据")
        if refused:
            raise ValidationError(_refusals(refused[:MAX_REFUSALS]))
        for obj in objects:
            for name in names:
                setattr(obj, name, data[name])
            if self.check:
                self.check(enterprise, obj)
        self.compute(objects)
        others = [f.name for f in self.model._meta.fields if f.name not in (*names, *self.computed)]
        row_writes.validate(objects, exclude=others)
        row_writes.update(self.model, objects, [*names, *self.computed, "updated_at"])
        return len(objects)

    def _load(self, objects: Iterable[Any], names: Sequence[str]) -> list[Any]:
        if not (isinstance(objects, models.QuerySet) and self.inputs):
            return list(objects)
        # What the rules read: the lock state, calc's inputs and the check's (a column left
        # out is fetched per row on first read: 10,000 queries for 10,000 lines). The new
        # values and the computed columns are only written, so they are not read.
        keep = ("enterprise", "status", "declaration_batch_id")
        wanted = [n for n in (*keep, *self.inputs, *self.check_inputs) if n not in names]
        return instances.load(objects, wanted)

    @transaction.atomic
    def delete(self, *, obj: Any, enterprise: Any, actor: Any) -> None:
        check_writable(obj, enterprise)
        try:
            obj.delete()
        except models.ProtectedError as exc:
            raise ValidationError("该记录已被其他数据引用，不能删除") from exc


def batch_record(
    model: type[models.Model],
    title: str,
    service: BatchServices,
    *,
    namespace: str,
    family: str,
    business: str,
    filter_base: type[Any] | None = None,
    **kw: Any,
) -> RecordType:
    """Register the RecordType of a form whose rows join the batches of `family`'s business
    `business` (rebate.declarations.sources finds them by that): its services, read-only
    inside a batch, a 所属期/状态 filter (`filter_base`'s, or core.filters.PeriodFilterSet)."""
    filterset = period_filter(model, filter_base) if filter_base else period_filter(model)
    options: dict[str, Any] = {
        "namespace": namespace,
        "title": title,
        "filterset": filterset,
        "create": service.create,
        "update": service.update,
        "delete": service.delete,
        "create_many": service.create_many,
        "update_many": service.update_many,
        "read_only_reason": read_only_reason,
        "bulk_exclude": ("sequence_no",),
        **kw,
    }
    return register(
        RecordType(model=model, family=family, business=business, batched=True, **options)
    )
