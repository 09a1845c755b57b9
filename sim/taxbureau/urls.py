from django.urls import path

from . import views

app_name = "sim_taxbureau"
urlpatterns = [
    path("api/v1/packages", views.packages, name="packages"),
    path("api/v1/uploads", views.uploads, name="uploads"),
    path("api/v1/packages/<str:receipt_no>", views.package, name="package"),
    path("api/v1/packages/<str:receipt_no>/doubts", views.doubts, name="doubts"),
    path("api/v1/packages/<str:receipt_no>/declare", views.declare, name="declare"),
    path("api/v1/packages/<str:receipt_no>/revoke", views.revoke, name="revoke"),
    path("api/v1/feedback/review", views.review_feedback, name="review-feedback"),
    path("api/v1/feedback/processing", views.processing_feedback, name="processing-feedback"),
    path("api/v1/vat-returns", views.vat_return, name="vat-return"),
    path("api/v1/overseas-lines", views.overseas_lines, name="overseas-lines"),
    path(
        "api/v1/overseas-lines/<str:item_key>/reconciliation",
        views.overseas_reconciliation,
        name="overseas-reconciliation",
    ),
    path("api/v1/feedback/filings", views.filing_feedback, name="filing-feedback"),
]
