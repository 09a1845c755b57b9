from django.urls import path

from . import views

app_name = "refunds"

urlpatterns = [
    path("", views.tracking, name="tracking"),
    path("batch/<int:pk>/", views.batch, name="batch"),
]
