from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .access import data_enterprise
from .models import Job


def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress bar fragment, polled by HTMX until the job finishes."""
    job = get_object_or_404(Job.objects.for_enterprise(data_enterprise(request)), pk=pk)
    return render(request, "core/job_progress.html", {"job": job})
