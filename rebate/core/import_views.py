"""The 导入 page; a large file is imported as a background job (progress bar, then the result).

The upload is kept in storages["default"] (imports/, where every worker finds it: the local
disk or the bucket) until its job ends (rebate.core.jobs discards it, also when the worker died
for the last time). The job reads and checks the file outside any transaction and
writes all rows in one short one (rebate.core.imports.run_import): still all or nothing, and
a killed job leaves no row behind, so running it again gives what an uninterrupted run gives.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import IO, Any, cast

from django.contrib import messages
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from .excel import xlsx_response
from .imports import (
    ImportFailed,
    RowError,
    declared_rows,
    import_columns,
    run_import,
    template_file,
)
from .jobs import JobFailed, Progress, job_create, job_upload, register_job
from .models import Job
from .records import RecordType, RecordView, list_url, record_for
from .uploads import UploadRefused, check_size

IMPORT_JOB = "core.import"
INLINE_MAX_ROWS = 2000  # more declared rows than this, and the import runs in the background
INLINE_MAX_BYTES = 256 * 1024
SHOWN_ERRORS = 500
FAILED = "导入失败，没有导入任何记录"


def runs_in_background(upload: Any) -> bool:
    size = getattr(upload, "size", 0) or 0
    return size > INLINE_MAX_BYTES or declared_rows(upload) > INLINE_MAX_ROWS


def keep_upload(upload: Any, suffix: str = "") -> str:
    """Keep an upload in storage under imports/ for the job that will own it (its params name)."""
    check_size(upload)
    return str(storages["default"].save(f"imports/{uuid.uuid4().hex}{suffix}", File(upload)))


@contextmanager
def kept_upload(job: Job, failed: str = FAILED) -> Iterator[IO[bytes]]:
    """The job's kept upload, opened; an ImportFailed inside becomes JobFailed with its rows."""
    name = job_upload(job.params)
    files = storages["default"]
    if name is None or not files.exists(name):
        gone = RowError(0, "—", "导入文件已不存在，请重新导入")
        raise JobFailed(failed, {"errors": [asdict(gone)]})
    try:
        with files.open(name, "rb") as upload:
            yield cast(IO[bytes], upload)
    except ImportFailed as bad:
        errors = [asdict(e) for e in bad.errors[:SHOWN_ERRORS]]
        raise JobFailed(failed, {"errors": errors}) from bad


def import_job_create(record: RecordType, *, enterprise: Any, actor: Any, upload: Any) -> Job:
    """Keep the upload and queue its import; the job owns the file from here on."""
    name = keep_upload(upload, ".xlsx")
    with transaction.atomic():
        return job_create(
            enterprise=enterprise,
            actor=actor,
            kind=IMPORT_JOB,
            label=f"导入{record.title}",
            params={"record": record.key, "upload": name},
        )


def job_errors(job: Job) -> list[RowError]:
    """The row errors a failed import job kept for the page."""
    return [RowError(**e) for e in (job.result or {}).get("errors", [])]


@register_job(IMPORT_JOB)
def run_import_job(job: Job, progress: Progress) -> dict[str, Any]:
    record = record_for(job.params["record"])
    with kept_upload(job) as upload:
        count = run_import(
            record, enterprise=job.enterprise, actor=job.created_by, upload=upload,
            progress=progress,
        )  # fmt: skip
    return {"summary": f"导入成功，共导入{count}条记录", "count": count}


class RecordImportView(RecordView):
    writes = True

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.unavailable(request) or self.show(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        closed = self.unavailable(request)
        if closed:
            return closed
        upload = request.FILES.get("file")
        if upload is None:
            return self.show(request, [RowError(0, "—", "请选择要导入的文件")], status=400)
        try:
            if runs_in_background(upload):
                job = import_job_create(
                    self.record, enterprise=self.enterprise, actor=request.user, upload=upload
                )
                return redirect(f"{reverse(self.record.url_name('import'))}?job={job.pk}")
            count = run_import(
                self.record, enterprise=self.enterprise, actor=request.user, upload=upload
            )
        except UploadRefused as refused:
            return self.show(request, [RowError(0, "—", str(refused))], status=400)
        except ImportFailed as failed:
            return self.show(request, failed.errors, status=400)
        messages.success(request, f"导入成功，共导入{count}条记录")
        return redirect(list_url(self.record, request))

    def show(
        self, request: HttpRequest, errors: list[RowError] | None = None, status: int = 200
    ) -> HttpResponse:
        job = (
            Job.objects.for_enterprise(self.enterprise)
            .filter(pk=request.GET.get("job") or 0, kind=IMPORT_JOB)
            .first()
        )
        if job is not None and errors is None:
            errors = job_errors(job)
        context = self.context(
            errors=errors or [],
            columns=import_columns(self.record),
            job=job,
            list_url=list_url(self.record, request),
        )
        return render(request, "core/record_import.html", context, status=status)


class RecordImportTemplateView(RecordView):
    def get(self, request: HttpRequest) -> HttpResponseBase:
        return xlsx_response(template_file(self.record), f"{self.record.title}导入模板.xlsx")
