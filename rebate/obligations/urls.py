from django.urls import path

from . import views

app_name = "obligations"
urlpatterns = [path("", views.board, name="board")]
