from django.urls import path

from . import views

app_name = "sim_sms"
urlpatterns = [
    path("api/v1/messages", views.messages, name="messages"),
    path("phone/", views.phone, name="phone"),
]
