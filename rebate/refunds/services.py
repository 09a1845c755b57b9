"""The one write path of 退税到账: rows entered on the page or read from a bank statement."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import Enterprise, User
from rebate.declarations.models import DeclarationBatch

from .models import ReceivedRefund, ReceivedSource
from .statement import StatementRow, read_statement


def _create(
    enterprise: Enterprise,
    actor: User,
    batch: DeclarationBatch,
    rows: Sequence[StatementRow],
    source: str,
) -> list[ReceivedRefund]:
    if batch.enterprise_id != enterprise.pk:
        raise ValidationError("申报数据不属于本企业")
    created = []
    for row in rows:
        received = ReceivedRefund(
            enterprise=enterprise,
            batch=batch,
            received_on=row.received_on,
            amount=row.amount,
            summary=row.summary,
            source=source,
            actor=actor,
        )
        received.full_clean()
        created.append(received)
    return ReceivedRefund.objects.bulk_create(created)


@transaction.atomic
def record_received(
    *,
    enterprise: Enterprise,
    actor: User,
    batch: DeclarationBatch,
    received_on: datetime.date,
    amount: Decimal,
    summary: str = "",
) -> ReceivedRefund:
    row = StatementRow(received_on, amount, summary)
    return _create(enterprise, actor, batch, [row], ReceivedSource.ENTERED)[0]


@transaction.atomic
def import_statement(
    *, enterprise: Enterprise, actor: User, batch: DeclarationBatch, upload: Any
) -> list[ReceivedRefund]:
    """Every row of the statement, or none (StatementRefused names the rows in error)."""
    rows = read_statement(upload)
    return _create(enterprise, actor, batch, rows, ReceivedSource.STATEMENT)
