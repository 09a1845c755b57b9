"""Background jobs: what the progress fragment says while running and once finished."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.core.jobs import job_execute, register_job
from rebate.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@register_job("test-saving")
def _saving(job, progress):
    progress(3, 4, "正在保存3张报关单")
    return {"summary": "新增3张报关单"}


def test_a_finished_job_shows_its_summary_not_its_last_step(client) -> None:
    user = make_user()
    job = Job.objects.create(enterprise=user.enterprise, kind="test-saving", label="信息下载")
    job_execute(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.message == ""
    client.force_login(user)
    html = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert "信息下载：已完成" in html and "正在保存" not in html
    assert "新增3张报关单" in html and 'data-percent="100"' in html


def test_a_running_job_shows_its_step(client) -> None:
    user = make_user()
    job = Job.objects.create(
        enterprise=user.enterprise, kind="test-saving", label="信息下载",
        status=JobStatus.RUNNING, done=1, total=4, message="正在保存1张报关单",
    )  # fmt: skip
    client.force_login(user)
    html = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert "信息下载：执行中 — 正在保存1张报关单" in html
