"""其他申报's pages: its forms' record pages and the engine's family pages (namespace
``other_declarations``, mounted at ckts/qt/)."""

from __future__ import annotations

from rebate.declarations.urls import family_pages

from . import KEY, records

app_name = "other_declarations"
urlpatterns = [
    *(url for record in records.RECORDS for url in record.urls()),
    *family_pages(family=KEY),
]
