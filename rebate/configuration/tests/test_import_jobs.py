"""Imports hold no lock while a file is read and checked; a large one runs as a background job
with the progress bar (issue 13 point 4), still all or nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from rebate.configuration.models import Principal
from rebate.configuration.records import PRINCIPAL
from rebate.core import imports
from rebate.core.import_views import INLINE_MAX_ROWS
from rebate.core.models import Job, JobStatus

from .test_upload_bounds import principal_sheet

IMPORT_URL = "configuration:principal_import"


@pytest.mark.django_db(transaction=True)
def test_the_file_is_read_and_checked_outside_any_transaction(enterprise, clerk, monkeypatch):
    seen: list[bool] = []
    cell_text = imports.cell_text

    def spy(value: object) -> str:
        seen.append(connection.in_atomic_block)
        return cell_text(value)

    monkeypatch.setattr(imports, "cell_text", spy)
    upload = io.BytesIO(principal_sheet(50))
    assert imports.run_import(PRINCIPAL, enterprise=enterprise, actor=clerk, upload=upload) == 50
    assert seen and not any(seen)  # no transaction (and on SQLite no write lock) while reading
    assert Principal.objects.filter(enterprise=enterprise).count() == 50


def _upload(client, rows: int, bad: int | None = None):
    data = principal_sheet(rows, bad)
    return client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile("委托企业.xlsx", data)})


@pytest.mark.django_db
def test_a_large_import_runs_as_a_job_with_progress(
    clerk_client, enterprise, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    rows = INLINE_MAX_ROWS + 1
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(clerk_client, rows)
    job = Job.objects.get(enterprise=enterprise)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(IMPORT_URL)}?job={job.pk}"
    assert job.status == JobStatus.SUCCEEDED and job.label == "导入委托企业"
    assert job.result["summary"] == f"导入成功，共导入{rows}条记录"
    assert Principal.objects.filter(enterprise=enterprise).count() == rows
    page = clerk_client.get(response["Location"]).content.decode()
    assert 'class="job-progress"' in page and f"导入成功，共导入{rows}条记录" in page
    assert not list(Path(tmp_path, "imports").iterdir())  # the kept upload is gone


@pytest.mark.django_db
def test_a_failed_background_import_shows_its_errors_and_imports_nothing(
    clerk_client, enterprise, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(clerk_client, INLINE_MAX_ROWS + 1, bad=1500)
    job = Job.objects.get(enterprise=enterprise)
    assert job.status == JobStatus.FAILED and job.message == "导入失败，没有导入任何记录"
    page = clerk_client.get(response["Location"]).content.decode()
    assert "第1502行" in page and "纳税人识别号" in page
    assert not Principal.objects.exists()
