from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.portal, name="portal"),
    path("region/<str:name>/", views.region, name="region"),
    path("ckts/", views.main, name="main"),
    path("ckts/home/", views.dashboard, name="dashboard"),
    path("ckts/unavailable/<slug:key>/", views.unavailable, name="unavailable"),
]
