from django.urls import path

from . import views

app_name = "sim_rates"
urlpatterns = [path("api/v1/central-parity", views.central_parity, name="central_parity")]
