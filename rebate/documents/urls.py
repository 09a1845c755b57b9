from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.batches, name="batches"),
    path("batch/<int:pk>/", views.catalogue, name="catalogue"),
    path("batch/<int:pk>/xlsx/", views.catalogue_export, {"kind": "xlsx"}, name="catalogue_xlsx"),
    path("batch/<int:pk>/pdf/", views.catalogue_export, {"kind": "pdf"}, name="catalogue_pdf"),
    path("entry/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("file/<int:pk>/", views.document_file, name="document_file"),
    path("file/<int:pk>/delete/", views.document_delete, name="document_delete"),
]
