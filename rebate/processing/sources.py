"""Each business's forms join only the batches of that business: the engine's RecordTypeSource
attaches every source of a family, so this one answers only for its business's batches."""

from __future__ import annotations

from dataclasses import dataclass

from rebate.accounts.models import Enterprise, User
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.sources import RecordTypeSource


@dataclass(frozen=True, slots=True)
class BusinessSource(RecordTypeSource):
    def attach(
        self, *, enterprise: Enterprise, actor: User | None, period: str, batch_id: int
    ) -> int:
        code = DeclarationBatch.objects.filter(pk=batch_id).values_list("business_code", flat=True)
        if code.first() != self.business:
            return 0
        return RecordTypeSource.attach(
            self, enterprise=enterprise, actor=actor, period=period, batch_id=batch_id
        )
