"""Background work of the lifecycle: 数据一致性检查, 生成申报数据 and large prints (they take time).

The handlers call the services, which do all their writes in one transaction: a job killed
half-way leaves nothing and can be started again.
"""

from __future__ import annotations

from typing import Any

from rebate.accounts.models import Enterprise, User
from rebate.core.jobs import Progress, job_create, register_job
from rebate.core.models import Job

CONSISTENCY = "declarations.consistency"
GENERATE = "declarations.generate"
PRINT = "declarations.print"


LABELS = {CONSISTENCY: "数据一致性检查", GENERATE: "生成申报数据"}


def dialog_job_start(
    *,
    enterprise: Enterprise,
    actor: User,
    family: str,
    kind: str,
    posted: dict[str, str],
    card_no: str = "",
) -> Job:
    """数据一致性检查 / 生成申报数据 from what their dialog posted (the page's form or the
    API's body, cleaned by the same form): the period, the chosen business, 零申报 only when
    ticked, and for 生成申报数据 the card that will sign the package."""
    period = posted.get("period", "")
    params: dict[str, Any] = {"family": family, "period": period}
    if posted.get("business"):
        params["business"] = posted["business"]
    if posted.get("zero") == "True":
        params["zero"] = True
    if kind == GENERATE:
        params["card_no"] = card_no
    return job_create(
        enterprise=enterprise,
        actor=actor,
        kind=kind,
        label=f"{LABELS[kind]} {period}",
        params=params,
    )


def _actor(job: Job) -> User | None:
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
        business=job.params.get("business", ""),
        zero=bool(job.params.get("zero")),
        progress=progress,
    )
    return {
        "batch": batch.pk,
        "summary": f"已生成申报数据 {batch.number}（{batch.line_count}条明细），待IC卡签名",
    }


@register_job(PRINT)
def run_print(job: Job, progress: Progress) -> dict[str, Any]:
    """A print of a large batch (any family's form with PrintForm.rows over PRINT_JOB_LINES):
    the PDF laid out with progress (chunk by chunk, or stage by stage), kept for download."""
    from . import reports, storage
    from .families import get_family
    from .models import DeclarationBatch

    batch = (
        DeclarationBatch.objects.for_enterprise(job.enterprise)
        .select_related("enterprise")
        .get(pk=job.params["batch"])
    )
    form = get_family(batch.family).print_form(job.params["form"])
    title = form.title_for(batch.period)
    progress(0, 1, f"正在读取{title}的数据")
    data = reports.render_pdf(form, batch, progress=progress)
    name = f"{batch.enterprise.customs_code}_{batch.period}_{form.key}.pdf"
    return {
        "file": storage.write_print(job.enterprise_id, f"{job.pk}-{name}", data),
        "filename": name,
        "summary": f"已生成{title}（{batch.number}）PDF，可下载打印",
    }
