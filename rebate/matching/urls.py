from django.urls import path

from . import views
from .records import RECORDS

app_name = "matching"
urlpatterns = [
    path("", views.session, name="session"),
    path("confirm/", views.confirm, name="confirm"),
    path("matches/<int:pk>/", views.match_detail, name="match_detail"),
    path("matches/<int:pk>/cancel/", views.cancel, name="match_cancel"),
    *(pattern for record in RECORDS for pattern in record.urls()),
]
