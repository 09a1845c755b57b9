"""数据一致性检查 (TS-19): the family's local checks over the period's collected data."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from rebate.core import rows as row_writes

from ..families import Step
from ..models import ConsistencyIssue, ConsistencyRun
from .common import check_period, family_with


@transaction.atomic
def consistency_check(*, enterprise: Any, actor: Any, family: str, period: str) -> ConsistencyRun:
    """Run the checks and keep their result; an empty result means no problem."""
    fam = family_with(family, Step.CONSISTENCY)
    period = check_period(period)
    assert fam.local_checks is not None
    count, issues = fam.local_checks(enterprise, period)
    run = ConsistencyRun.objects.create(
        enterprise=enterprise,
        family=fam.key,
        period=period,
        line_count=count,
        issue_count=len(issues),
        blocking_count=sum(1 for i in issues if not i.skippable),
        actor=actor if getattr(actor, "pk", None) else None,
    )
    rows = [
        {
            "code": i.code,
            "level": i.level,
            "skippable": i.skippable,
            "message": i.message[:1000],
            "table": i.table,
            "line_no": i.line_no,
            "item_key": i.item_key,
            "record_id": i.record_id,
        }
        for i in issues
    ]
    row_writes.insert(
        ConsistencyIssue, row_writes.build(ConsistencyIssue, rows, enterprise=enterprise, run=run)
    )
    return run
