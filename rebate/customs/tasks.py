"""信息下载 and a large 报关单导入 as background jobs (rebate.core.jobs): progress bar + summary."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from rebate.accounts.models import Enterprise, User
from rebate.core.import_views import keep_upload, kept_upload
from rebate.core.jobs import Progress, job_create, register_job
from rebate.core.models import Job

from .choices import IMPORT_JOB, DownloadMode
from .services import declarations_download, declarations_import

DOWNLOAD_JOB = "customs.download"


@register_job(DOWNLOAD_JOB)
def run_download(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    summary = declarations_download(
        enterprise=job.enterprise,
        actor=job.created_by,
        date_from=date.fromisoformat(params["date_from"]) if params.get("date_from") else None,
        date_to=date.fromisoformat(params["date_to"]) if params.get("date_to") else None,
        entry_id=params.get("entry_id", ""),
        progress=progress,
    )
    return summary.as_json()


def download_job_for(*, enterprise: Enterprise, actor: User, data: dict[str, Any]) -> Job:
    """信息下载 as the dialog (DownloadForm's cleaned data) asks: by 报关单号 or by date range."""
    by_number = data["mode"] == DownloadMode.ENTRY_ID
    return download_job_create(
        enterprise=enterprise,
        actor=actor,
        date_from=None if by_number else data["date_from"],
        date_to=None if by_number else data["date_to"],
        entry_id=data["entry_id"] if by_number else "",
    )


@transaction.atomic
def download_job_create(
    *,
    enterprise: Enterprise,
    actor: User,
    date_from: date | None = None,
    date_to: date | None = None,
    entry_id: str = "",
) -> Job:
    """Queue 信息下载; it runs after commit (the worker, or at once under the Immediate backend)."""
    if entry_id:
        label = f"信息下载：报关单号{entry_id}"
    else:
        label = f"信息下载：出口日期{date_from}至{date_to}"
    params = {
        "date_from": date_from.isoformat() if date_from else "",
        "date_to": date_to.isoformat() if date_to else "",
        "entry_id": entry_id,
    }
    return job_create(
        enterprise=enterprise, actor=actor, kind=DOWNLOAD_JOB, label=label, params=params
    )


IMPORT_FAILED = "导入失败，没有保存任何报关单"


@register_job(IMPORT_JOB)
def run_import(job: Job, progress: Progress) -> dict[str, Any]:
    with kept_upload(job, IMPORT_FAILED) as upload:
        summary = declarations_import(
            enterprise=job.enterprise,
            actor=job.created_by,
            upload=upload,
            name=job.params.get("name", ""),
            progress=progress,
        )
    return summary.as_json()


def import_job_create(*, enterprise: Enterprise, actor: User, upload: Any) -> Job:
    """Keep the upload and queue its import (the job owns the file from here on)."""
    name = keep_upload(upload)
    with transaction.atomic():
        return job_create(
            enterprise=enterprise,
            actor=actor,
            kind=IMPORT_JOB,
            label=f"报关单导入：{upload.name}",
            params={"upload": name, "name": upload.name},
        )
