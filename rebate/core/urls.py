from django.urls import path

from . import drafts, views

app_name = "core"
urlpatterns = [
    path("jobs/<int:pk>/", views.job_progress, name="job_progress"),
    path("drafts/<int:pk>/delete/", drafts.draft_delete, name="draft_delete"),
]
