"""URLs of the declaration lifecycle: the batch, review and print pages, and each family's pages
(keyed by the family here, or mounted by the family's own app under its namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from .views import batches, feedback, generate, printing, query

app_name = "declarations"


def family_pages(prefix: str = "", suffix: str = "", family: str = "") -> list[URLPattern]:
    """The engine's pages of a family: here keyed by ``<slug:family>`` for a family without a
    namespace of its own; a family app mounts them in its urls.py with ``family`` fixed (its
    namespace's names are then the bare page names, see views.common.family_url)."""
    fixed = {"family": family} if family else {}
    pages = [
        ("generate/", generate.generate_page, "generate"),
        ("check/", generate.consistency, "check"),
        ("summary/", generate.summary, "summary"),
        ("package/", generate.package, "package"),
        ("self-check/", generate.self_check, "self_check"),
        ("upload/", generate.upload, "upload"),
        ("refresh/", generate.refresh, "refresh"),
        ("print/", printing.print_page, "print"),
        ("revoke/", batches.revoke_page, "revoke"),
        ("feedback/upload/", feedback.feedback_upload, "feedback_upload"),
        ("feedback/download/", feedback.feedback_download, "feedback_download"),
        ("query/", query.query_page, "query"),
    ]
    return [path(prefix + route, view, fixed, name=suffix + name) for route, view, name in pages]


urlpatterns = [
    *family_pages("<slug:family>/", "family_"),
    path("batches/<int:pk>/", batches.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/confirm/", batches.confirm, name="confirm"),
    path("batches/<int:pk>/sign/", batches.sign, name="sign"),
    path("batches/<int:pk>/revoke/", batches.revoke, name="revoke_batch"),
    path("batches/<int:pk>/package/", batches.download, name="download"),
    path("batches/<int:pk>/print/", printing.print_form, name="print_form"),
    path("batches/<int:pk>/print/job/", printing.print_job, name="print_job"),
    path("print/jobs/<int:pk>/pdf/", printing.print_download, name="print_download"),
    path("records/<int:pk>/print/", printing.print_record, name="print_record"),
    path("reviews/<int:pk>/", query.review_detail, name="review_detail"),
]
