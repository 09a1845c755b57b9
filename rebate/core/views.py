from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .access import data_enterprise
from .jobs import job_seen
from .models import Job


def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress bar fragment, polled by HTMX until the job finishes. A running job whose worker
    died is marked failed here, so the page stops polling even before a worker restarts."""
    jobs = Job.objects.for_enterprise(data_enterprise(request))
    job = job_seen(get_object_or_404(jobs, pk=pk))
    return render(request, "core/job_progress.html", {"job": job})
