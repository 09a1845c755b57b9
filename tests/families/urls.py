"""The test settings' URLconf: the product's, plus each test family app's own record pages."""

from django.apps import apps
from django.urls import include, path

from config.urls import handler404  # noqa: F401 — the API's JSON 404 here too
from config.urls import urlpatterns as product

urlpatterns = [
    *product,
    *(
        path(f"ckts/test/{app.label}/", include(f"{app.name}.urls", namespace=app.label))
        for app in apps.get_app_configs()
        if app.name.startswith("tests.families.")
    ),
]
