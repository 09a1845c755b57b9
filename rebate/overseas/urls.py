from django.urls import path

from . import views

app_name = "overseas"

urlpatterns = [
    path("", views.lines, name="lines"),
    path("line/<int:pk>/", views.line, name="line"),
]
