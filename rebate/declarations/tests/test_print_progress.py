"""Progress on every long print (issue 23 "Finish"): every form a family prints for a batch
says how many rows it prints (PrintForm.rows); past PRINT_JOB_LINES its PDF button starts a
background job whose progress the print page shows, and the PDF is downloaded when it is done.
A form printed per record (单证, 备案: one record, one form) or of fixed size prints at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.core.models import Job, JobStatus
from rebate.declarations.choices import BatchStatus
from rebate.declarations.families import families
from rebate.declarations.views.common import family_url

from .factories import make_batch

pytestmark = pytest.mark.django_db
# Forms of fixed size, printed at once whatever the batch holds.
FIXED = {("mdt", "summary"): "the 汇总表's 19 rows"}
LIMIT = 5

BATCH_FORMS = [
    (family, form) for family in families() for form in family.print_forms if not form.record
]


def _business(family) -> str:
    return family.business_code or family.businesses[0].code


def _row(page: str, batch) -> str:
    start = page.index(f'<tr data-pk="{batch.pk}">')
    return page[start : page.index("</tr>", start)]


def test_every_print_action_is_enumerated() -> None:
    keys = {(f.key, p.key) for f, p in BATCH_FORMS}
    assert {("mdt", "detail"), ("mdt", "cksh"), ("processing", "jlhx")} <= keys
    assert ("other_declarations", "sheet") in keys
    for family in families():
        for form in family.print_forms:
            if form.record:  # one record's form: printed before generating, at once
                assert family.print_before_generate, (family.key, form.key)


@pytest.mark.parametrize("family,form", BATCH_FORMS, ids=lambda x: getattr(x, "key", ""))
def test_a_long_print_runs_as_a_job_with_progress(
    family, form, clerk, client, settings, django_capture_on_commit_callbacks
) -> None:
    if form.rows is None:
        assert (family.key, form.key) in FIXED, f"{family.key}/{form.key}: how many rows?"
        return
    settings.PRINT_JOB_LINES = LIMIT
    made = {"family": family.key, "business_code": _business(family)}
    small = make_batch(clerk.enterprise, status=BatchStatus.DECLARED, line_count=1, **made)
    large = make_batch(
        clerk.enterprise, status=BatchStatus.DECLARED, line_count=LIMIT + 1, record_count=LIMIT + 1,
        **made,
    )  # fmt: skip
    assert form.long_for(large, LIMIT) and not form.long_for(small, LIMIT)
    client.force_login(clerk)
    page = client.get(family_url(family, "print")).content.decode()
    assert f'print-job" data-form="{form.key}"' in _row(page, large)
    assert f'print-pdf" data-form="{form.key}"' in _row(page, small)

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("declarations:print_job", args=[large.pk]), {"form": form.key}
        )
    job = Job.objects.get(kind="declarations.print")
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert job.total > 0 and job.done == job.total  # progress told up to the end
    shown = client.get(started["Location"]).content.decode()
    assert "job-progress" in shown and 'id="print-download"' in shown
    pdf = client.get(reverse("declarations:print_download", args=[job.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_whole_form_tells_its_stages(clerk, monkeypatch) -> None:
    """A form the PDF engine lays out in one go (not paged) reports read → laid out → written."""
    from rebate.declarations import reports
    from rebate.declarations.families import get_family

    batch = make_batch(clerk.enterprise, status=BatchStatus.DECLARED)
    calls: list[tuple[int, int, str]] = []
    data = reports.render_pdf(
        get_family("mdt").print_form("cksh"), batch, progress=lambda *a: calls.append(a)
    )
    assert data.startswith(b"%PDF")
    assert [(d, t) for d, t, _ in calls] == [(1, 3), (2, 3), (3, 3)]
    assert calls[0][2] == "正在排版出口货物收汇情况表" and "共1页" in calls[1][2]
