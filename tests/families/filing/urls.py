from . import records

app_name = "testfiling"
urlpatterns = [url for record in records.RECORDS for url in record.urls()]
