from django.urls import path

from . import views

app_name = "sim_customs"
urlpatterns = [
    path("api/v1/cards", views.cards, name="cards"),
    path("api/v1/cards/<str:card_no>", views.card, name="card"),
    path("api/v1/declarations", views.declarations, name="declarations"),
    path("api/v1/declarations/<str:entry_id>", views.declaration, name="declaration"),
    path("api/v1/manuals", views.manuals, name="manuals"),
    path("api/v1/amendments", views.amendments, name="amendments"),
    path("api/v1/returns", views.returns, name="returns"),
]
