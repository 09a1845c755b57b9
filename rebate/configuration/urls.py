from django.urls import path

from . import views
from .records import RECORDS

app_name = "configuration"
urlpatterns = [
    *(pattern for record in RECORDS for pattern in record.urls()),
    path("enterprise/", views.enterprise_info, name="enterprise_info"),
    path("extension-types/", views.extension_types, name="extension_types"),
    path("region/", views.region, name="region"),
    path("enterprise/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("enterprise/rate-method/", views.rate_method, name="rate_method"),
]
