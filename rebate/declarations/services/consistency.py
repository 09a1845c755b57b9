"""数据一致性检查 (TS-19): the family's local checks over the period's collected data."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count

from rebate.accounts.models import Enterprise, User
from rebate.core import instances
from rebate.core import rows as row_writes

from ..families import Step
from ..models import ConsistencyIssue, ConsistencyRun
from ..selectors import latest_check
from .common import check_period, family_with

# The refusal names this many codes of 不可跳过 problems, each with its first lines.
CODES_LISTED = 10
LINES_PER_CODE = 3


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
        ConsistencyIssue, instances.build(ConsistencyIssue, rows, enterprise=enterprise, run=run)
    )
    return run


class BlockingProblems(ValidationError):
    """The refusal of a step while the last 数据一致性检查 has 不可跳过 problems; the page links
    it to the check's full list (rebate.declarations.views.common.fail)."""


def refuse_blocking_problems(enterprise: Enterprise, family: str, period: str, doing: str) -> None:
    """The period's last 数据一致性检查 must have no 不可跳过 problem before ``doing`` (e.g.
    生成汇总数据); the refusal summarises them by code: how many, the first message and the
    first few lines of each (29 lines with one missing 计划分配率 are one problem to fix, not 29
    identical rows to read)."""
    run = latest_check(enterprise, family, period)
    if run is None or not run.blocking_count:
        return
    blocking = run.issues.filter(skippable=False)
    codes = blocking.values("code").annotate(n=Count("id")).order_by("-n", "code")
    listed = []
    for row in codes[:CODES_LISTED]:
        first = list(blocking.filter(code=row["code"]).order_by("line_no", "id")[:LINES_PER_CODE])
        where = "、".join(i.line_no or i.item_key or "—" for i in first)
        more = "等" if row["n"] > len(first) else ""
        listed.append(f"{row['code']}（{row['n']}条）：{first[0].message}（申报序号{where}{more}）")
    if len(codes) > CODES_LISTED:
        listed.append(f"……另有{len(codes) - CODES_LISTED}种问题")
    raise BlockingProblems(
        [
            f"数据一致性检查有{run.blocking_count}个不可跳过的问题，不能{doing}，"
            "请修改明细数据并重新进行数据一致性检查",
            *listed,
        ]
    )
