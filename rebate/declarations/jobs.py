"""Background work of the lifecycle: 数据一致性检查 and 生成申报数据 (large periods take time).

The handlers call the services, which do all their writes in one transaction: a job killed
half-way leaves nothing and can be started again.
"""

from __future__ import annotations

from typing import Any

from rebate.accounts.models import User
from rebate.core.jobs import Progress, register_job
from rebate.core.models import Job

CONSISTENCY = "declarations.consistency"
GENERATE = "declarations.generate"


def _actor(job: Job) -> Any:
    return User.objects.filter(pk=job.created_by_id or 0).first()


@register_job(CONSISTENCY)
def run_consistency(job: Job, progress: Progress) -> dict[str, Any]:
    from .services import consistency_check

    progress(0, 1, "正在检查")
    run = consistency_check(
        enterprise=job.enterprise,
        actor=_actor(job),
        family=job.params["family"],
        period=job.params["period"],
    )
    summary = (
        f"检查{run.line_count}条明细，未发现问题"
        if not run.issue_count
        else f"检查{run.line_count}条明细，发现{run.issue_count}个问题"
        f"（不可跳过{run.blocking_count}个）"
    )
    return {"run": run.pk, "summary": summary}


@register_job(GENERATE)
def run_generate(job: Job, progress: Progress) -> dict[str, Any]:
    from .services import batch_generate

    batch = batch_generate(
        enterprise=job.enterprise,
        actor=_actor(job),
        family=job.params["family"],
        period=job.params["period"],
        card_no=job.params["card_no"],
        progress=progress,
    )
    return {
        "batch": batch.pk,
        "summary": f"已生成申报数据 {batch.number}（{batch.line_count}条明细），待IC卡签名",
    }
