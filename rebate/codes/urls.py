from django.urls import path

from .views import deadlines, exchange, rates

app_name = "codes"
urlpatterns = [
    path("rebate-codes/", rates.rebate_codes, name="rebate_codes"),
    path("nonrefundable-codes/", rates.nonrefundable_codes, name="nonrefundable_codes"),
    path("rate-libraries/", rates.rate_libraries, name="rate_libraries"),
    path(
        "rate-libraries/<str:version>/activate/",
        rates.rate_library_activate,
        name="rate_library_activate",
    ),
    path("exchange-rates/", exchange.exchange_rates, name="exchange_rates"),
    path("exchange-rates/add/", exchange.exchange_rate_edit, name="exchange_rate_add"),
    path("exchange-rates/import/", exchange.exchange_rates_import, name="exchange_rates_import"),
    path(
        "exchange-rates/download/",
        exchange.exchange_rates_download,
        name="exchange_rates_download",
    ),
    path("exchange-rates/<int:pk>/edit/", exchange.exchange_rate_edit, name="exchange_rate_edit"),
    path(
        "exchange-rates/<int:pk>/history/",
        exchange.exchange_rate_history,
        name="exchange_rate_history",
    ),
    path("deadline-rules/", deadlines.deadline_rules, name="deadline_rules"),
    path("deadline-rules/<int:pk>/edit/", deadlines.deadline_rule_edit, name="deadline_rule_edit"),
]
