from . import records

app_name = "service_exports"
urlpatterns = [url for record in records.RECORDS for url in record.urls()]
