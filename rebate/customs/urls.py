from django.urls import path

from . import views

app_name = "customs"
urlpatterns = [
    path("declarations/", views.declarations_page, name="declarations"),
    path("declarations/<int:pk>/items/", views.items, name="items"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("download/", views.download, name="download"),
    path("import/", views.declaration_import, name="declaration_import"),
    path("import/template/", views.declaration_template, name="declaration_template"),
    path("check/", views.check, name="check"),
    path("check/rate/", views.fix_rate, name="fix_rate"),
    path("check/code/", views.fix_code, name="fix_code"),
    path("generate/", views.generate, name="generate"),
    path("invoices/template/", views.invoice_template, name="invoice_template"),
    path("invoices/import/", views.invoice_import, name="invoice_import"),
    path("invoices/edit/", views.invoice_edit, name="invoice_edit"),
]
