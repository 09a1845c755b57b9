"""免抵退's pages: the engine's family pages mounted with the family fixed (namespace ``mdt``)."""

from __future__ import annotations

from rebate.declarations.urls import family_pages

from . import KEY

app_name = "mdt"
urlpatterns = family_pages(family=KEY)
