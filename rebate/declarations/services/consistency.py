"""数据一致性检查 (TS-19): the family's local checks over the period's collected data."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import Enterprise, User
from rebate.core import rows as row_writes

from ..families import Step
from ..models import ConsistencyIssue, ConsistencyRun
from ..selectors import latest_check
from .common import check_period, family_with

BLOCKING_LISTED = 20  # the refusal names this many 不可跳过 problems, then counts the rest


@transaction.atomic
def consistency_check(
    *, enterprise: Enterprise, actor: User | None, family: str, period: str
) -> ConsistencyRun:
    """Run the checks and keep their result; an empty result means no problem."""
    fam = family_with(family, Step.CONSISTENCY)
    period = check_period(period, fam.period_kind)
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


def refuse_blocking_problems(enterprise: Enterprise, family: str, period: str, doing: str) -> None:
    """The period's last 数据一致性检查 must have no 不可跳过 problem before ``doing`` (e.g.
    生成汇总数据); the refusal lists them."""
    run = latest_check(enterprise, family, period)
    if run is None or not run.blocking_count:
        return
    shown = run.issues.filter(skippable=False).order_by("line_no", "id")[:BLOCKING_LISTED]
    listed = [
        f"申报序号{i.line_no or '—'}{f'（{i.item_key}）' if i.item_key else ''}：{i.message}"
        for i in shown
    ]
    if run.blocking_count > len(listed):
        listed.append(f"……共{run.blocking_count}个不可跳过的问题")
    raise ValidationError(
        [
            f"数据一致性检查有{run.blocking_count}个不可跳过的问题，不能{doing}，"
            "请修改明细数据并重新进行数据一致性检查",
            *listed,
        ]
    )
