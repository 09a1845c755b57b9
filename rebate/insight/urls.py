from django.urls import path

from . import views

app_name = "insight"
urlpatterns = [
    path("doubts/", views.doubt_index, name="doubt_index"),
    path("doubts/<str:code>/", views.doubt_detail, name="doubt"),
    path("whatif/", views.whatif, name="whatif"),
]
