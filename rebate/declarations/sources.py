"""The record source of a family's batches, read from the RecordType registry.

A batch record's RecordType (core.batch.batch_record) names the family and business its rows
join and its wire section; the engine picks rows by that, never by model class, so a form of
another family is never swept into this one's batch. The domain apps own the rows and their
read-only rule (core.batch); the engine only moves them between 已采集, 已生成 and 已申报.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.db import models, transaction
from django.db.models import Max

from rebate.accounts.models import Enterprise, User
from rebate.core.models import RecordStatus
from rebate.core.records import RecordType, batch_record_types

from .families.base import RecordLink, Section

OpenWork = tuple[datetime, str]  # (when the row was last saved, its business's code)


@dataclass(frozen=True, slots=True)
class RecordTypeSource:
    """The rows of `family`'s batch record types (of business `business`, if given)."""

    family: str
    business: str = ""

    def record_types(self) -> list[RecordType]:
        return batch_record_types(self.family, self.business)

    def models(self) -> list[type[models.Model]]:
        return list(dict.fromkeys(r.model for r in self.record_types()))

    def sections(self) -> tuple[Section, ...]:
        """The package sections of the family's forms that map their own rows (`to_wire`), in
        registration order; a section without one is streamed by the family's writer."""
        return tuple(
            Section(r.wire_section, r.wire_title or r.title, r.model._meta.label, r.to_wire)
            for r in self.record_types()
            if r.wire_section and r.to_wire
        )

    @transaction.atomic
    def attach(
        self,
        *,
        enterprise: Enterprise,
        actor: User | None,
        period: str,
        batch_id: int,
        business: str,
    ) -> int:
        """生成申报数据: the period's collected rows of every form join the batch and become
        read-only; a source of another business than the batch's joins none. Returns the
        number of rows."""
        if self.business and business and self.business != business:
            return 0
        return sum(
            _rows(model, enterprise)
            .filter(period=period, declaration_batch_id__isnull=True)
            .update(declaration_batch_id=batch_id, status=RecordStatus.GENERATED)
            for model in self.models()
        )

    def latest_open(self, *, enterprise: Enterprise, period: str) -> OpenWork | None:
        """The newest row of the period not yet in a batch, with its business (none for a
        source of every business: the dialog cannot tell which one it was entered for)."""
        if not self.business:
            return None
        found = [
            (when, self.business)
            for model in self.models()
            if (when := newest_open(_rows(model, enterprise).filter(period=period)))
        ]
        return max(found, default=None)

    def mark_declared(self, *, enterprise: Enterprise, actor: User, batch_id: int) -> int:
        return self._move(enterprise, batch_id, RecordStatus.DECLARED)

    def release(self, *, enterprise: Enterprise, actor: User, batch_id: int) -> int:
        """撤销: the batch's rows are collected (and writable) again."""
        return self._move(enterprise, batch_id, RecordStatus.COLLECTED)

    @transaction.atomic
    def _move(self, enterprise: Enterprise, batch_id: int, status: str) -> int:
        batch = None if status == RecordStatus.COLLECTED else batch_id
        return sum(
            _rows(model, enterprise)
            .filter(declaration_batch_id=batch_id)
            .update(declaration_batch_id=batch, status=status)
            for model in self.models()
        )

    def index(self, *, enterprise: Enterprise, batch_id: int, table: str) -> dict[str, RecordLink]:
        """申报序号 → the row of the batch in wire section `table` (one query per form)."""
        found: dict[str, RecordLink] = {}
        for record in self.record_types():
            if record.wire_section != table or not record.has("detail"):
                continue
            rows = _rows(record.model, enterprise).filter(declaration_batch_id=batch_id)
            url_name = record.url_name("detail")
            for line_no, pk in rows.values_list("sequence_no", "pk"):
                if line_no:
                    found[str(line_no)] = RecordLink(pk, url_name)
        return found


def newest_open(rows: Any) -> datetime | None:
    """When the newest of `rows` not yet in a batch was last saved."""
    found = rows.filter(declaration_batch_id__isnull=True).aggregate(when=Max("updated_at"))
    return cast("datetime | None", found["when"])


def _rows(model: type[models.Model], enterprise: Enterprise) -> Any:
    manager: Any = model._default_manager
    return manager.filter(enterprise=enterprise)
