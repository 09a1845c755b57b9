from . import records

app_name = "testyearly"
urlpatterns = records.yearly_line.urls()
