"""备案申报's pages: each form's record pages and the engine's family pages (namespace filings)."""

from __future__ import annotations

from rebate.declarations.urls import family_pages

from . import records
from .records import FAMILY

app_name = "filings"
urlpatterns = [
    *(url for record in records.RECORDS for url in record.urls()),
    *family_pages(family=FAMILY),
]
