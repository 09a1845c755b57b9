"""URLs of the declaration lifecycle. Family pages take the family key (default: 免抵退)."""

from __future__ import annotations

from django.urls import path

from .views import batches, feedback, generate, printing, query

app_name = "declarations"


def family_pages(prefix: str, suffix: str) -> list:  # type: ignore[type-arg]
    """Pages of one family: without a key for 免抵退 (the menu's names), with one for others."""
    pages = [
        ("generate/", generate.generate_page, "generate"),
        ("check/", generate.consistency, "check"),
        ("summary/", generate.summary, "summary"),
        ("package/", generate.package, "package"),
        ("self-check/", generate.self_check, "self_check"),
        ("refresh/", generate.refresh, "refresh"),
        ("print/", printing.print_page, "print"),
        ("revoke/", batches.revoke_page, "revoke"),
        ("feedback/upload/", feedback.feedback_upload, "feedback_upload"),
        ("feedback/download/", feedback.feedback_download, "feedback_download"),
        ("query/", query.query_page, "query"),
    ]
    return [path(prefix + route, view, name=suffix + name) for route, view, name in pages]


urlpatterns = [
    *family_pages("", ""),
    *family_pages("<slug:family>/", "family_"),
    path("batches/<int:pk>/", batches.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/confirm/", batches.confirm, name="confirm"),
    path("batches/<int:pk>/sign/", batches.sign, name="sign"),
    path("batches/<int:pk>/revoke/", batches.revoke, name="revoke_batch"),
    path("batches/<int:pk>/package/", batches.download, name="download"),
    path("batches/<int:pk>/print/", printing.print_form, name="print_form"),
    path("batches/<int:pk>/print/job/", printing.print_job, name="print_job"),
    path("print/jobs/<int:pk>/pdf/", printing.print_download, name="print_download"),
    path("reviews/<int:pk>/", query.review_detail, name="review_detail"),
]
