"""The test settings' URLconf: the product's URLs and the record pages of the test-only families."""

from django.urls import include, path

from config.urls import urlpatterns as product

urlpatterns = [
    *product,
    path("ckts/test-yearly/", include("tests.families.yearly.urls", namespace="testyearly")),
]
