"""Helpers shared by the lifecycle services: the batch under lock, the family, the 所属期."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from rebate.accounts.models import Enterprise, User
from rebate.calc.periods import Period, PeriodError
from rebate.core.models import StatusChange
from rebate.core.transitions import transition

from ..choices import LABELS, TRANSITIONS
from ..families import Family, PeriodKind, Step, get_family
from ..models import DeclarationBatch

STEP_LABELS = {
    Step.CONSISTENCY: "数据一致性检查",
    Step.SUMMARY: "生成汇总数据",
    Step.GENERATE: "生成申报数据",
    Step.SELF_CHECK: "数据自检",
    Step.UPLOAD: "远程申报",
    Step.CONFIRM: "确认申报",
    Step.REVOKE: "撤销申报数据",
    Step.PRINT: "打印申报报表",
    Step.FEEDBACK_READ: "反馈读入",
    Step.FEEDBACK_DOWNLOAD: "审核结果下载",
}


def family_with(key: str, step: Step) -> Family:
    family = get_family(key)
    if not family.has(step):
        raise ValidationError(f"{family.label}没有“{STEP_LABELS.get(step, step)}”功能")
    return family


YEAR = re.compile(r"[12][0-9]{3}")


def check_period(period: str, kind: PeriodKind = PeriodKind.MONTH) -> str:
    """The batch's period as stored: 所属期 YYYYMM, 申报年 YYYY, or "" for a family without one."""
    if kind is PeriodKind.NONE:
        return ""
    if kind is PeriodKind.YEAR:
        if not YEAR.fullmatch(period.strip()):
            raise ValidationError({"period": "申报年格式应为YYYY，如2026"})
        return period.strip()
    try:
        return str(Period.parse(period))
    except PeriodError:
        raise ValidationError({"period": "所属期格式应为YYYYMM，如202503"}) from None


def locked_batch(enterprise: Enterprise, batch_id: int) -> DeclarationBatch:
    """The enterprise's batch, row-locked for the rest of the transaction (PostgreSQL
    SELECT … FOR UPDATE; SQLite runs IMMEDIATE transactions, which serialise writers)."""
    queryset = DeclarationBatch.objects.select_for_update().filter(enterprise=enterprise)
    batch: DeclarationBatch = get_object_or_404(queryset, pk=batch_id)
    return batch


def move(
    batch: DeclarationBatch, to: str, *, actor: User, note: str = "", extra: tuple[str, ...] = ()
) -> StatusChange:
    return transition(
        batch, to, table=TRANSITIONS, actor=actor, labels=LABELS, note=note, extra_fields=extra
    )


def log_created(batch: DeclarationBatch, actor: User | None, note: str) -> None:
    StatusChange.objects.create(
        enterprise_id=batch.enterprise_id,
        object_type=DeclarationBatch._meta.label_lower,
        object_id=str(batch.pk),
        from_state="",
        to_state=batch.status,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note[:500],
    )
