"""Table helpers: every record table's rows open their detail on double-click."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse


class RecordTable(tables.Table):  # type: ignore[misc]
    """Subclass with Meta.model / fields; set `detail_url_name` to the record's detail URL."""

    detail_url_name = ""
    selection = tables.CheckBoxColumn(
        accessor="pk",
        orderable=False,
        exclude_from_export=True,
        attrs={"th__input": {"class": "select-all"}},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = self.detail_url_name
        self.row_attrs = {
            "data-pk": lambda record: record.pk,
            "data-detail": (lambda record: reverse(name, args=[record.pk])) if name else "",
        }

    class Meta:
        attrs = {"class": "table table-sm table-bordered table-hover record-table"}
        empty_text = "没有数据"
        template_name = "core/table.html"
