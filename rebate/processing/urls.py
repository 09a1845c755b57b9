"""进料加工核销's pages (namespace ``processing``): its forms, 加贸反馈 and the engine's pages."""

from __future__ import annotations

from django.urls import path

from rebate.declarations.urls import family_pages

from . import KEY, records, views

app_name = KEY
urlpatterns = [
    *(url for record in records.RECORDS for url in record.urls()),
    path("jmfeedback/upload/", views.jmfeedback_upload, name="jmfeedback_upload"),
    path("jmfeedback/download/", views.jmfeedback_download, name="jmfeedback_download"),
    path("writeoff/prefill/", views.writeoff_prefill, name="writeoff_prefill"),
    *family_pages(family=KEY),
]
