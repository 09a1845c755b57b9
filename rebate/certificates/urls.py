"""单证申报's pages (namespace ``certificates``): the seven forms' record pages and the engine's
family pages with the family fixed (生成单证申报数据, 打印单证申报报表, 反馈读入 …)."""

from __future__ import annotations

from rebate.declarations.urls import family_pages

from . import KEY, records

app_name = KEY
urlpatterns = [
    *(url for record in records.RECORDS for url in record.urls()),
    *family_pages(family=KEY),
]
