from django.urls import path

from . import records, views

app_name = "goods"
urlpatterns = [
    path("writeback/apply/", views.WriteBackView.as_view(), name="writeback_apply"),
    *(url for record in records.RECORDS for url in record.urls()),
]
