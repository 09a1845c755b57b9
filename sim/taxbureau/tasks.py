"""Background work of the bureau simulator (django-tasks; Immediate backend in tests)."""

from __future__ import annotations

from django_tasks import task

from .exchange import sync
from .intake import complete_self_check
from .models import Submission


@task()
def run_self_check(submission_id: int) -> None:
    """Receive the latest customs e-info, then check the package (自检)."""
    submission = Submission.objects.select_related("enterprise").get(pk=submission_id)
    sync(submission.enterprise)
    complete_self_check(submission_id)
