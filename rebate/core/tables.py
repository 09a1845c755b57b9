"""Table helpers: double-click detail rows, and the user's choice of columns (列设置)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
import django_tables2.utils as tables_utils
from django.db import models
from django.http import HttpRequest
from django.urls import reverse

ALWAYS = ("selection",)
_signature = tables_utils.signature


_SIGNATURES: dict[tuple[Any, bool], Any] = {}


def _signature_once(fn: Any) -> Any:
    """django-tables2 inspects the signature of a render callable for every cell (~0.2 ms each,
    most of a 50-row page); a function's signature never changes, so it is read once. Keyed
    by the underlying function (bound methods are new objects on every access); lambdas made
    per table are not kept."""
    func = getattr(fn, "__func__", None)
    if func is None:
        return _signature(fn)
    key = (func, True)
    if key not in _SIGNATURES:
        _SIGNATURES[key] = _signature(fn)
    return _SIGNATURES[key]


tables_utils.signature = _signature_once


class IsoDateColumn(tables.Column):  # type: ignore[misc]
    """Dates as 2026-03-05 (the manual's format); avoids DateColumn's per-cell template."""

    def render(self, value: Any) -> str:
        return str(value.isoformat())

    def value(self, value: Any) -> Any:
        return value


class RecordTable(tables.Table):  # type: ignore[misc]
    """Subclass with Meta.model / fields; set `detail_url_name` to the record's detail URL."""

    detail_url_name = ""
    selection = tables.CheckBoxColumn(
        accessor="pk",
        orderable=False,
        exclude_from_export=True,
        # The boxes carry their names for screen readers (axe: form inputs need a label).
        attrs={
            "th__input": {"class": "select-all", "aria-label": "全选", "title": "全选本页"},
            "td__input": {"name": "pk", "aria-label": "勾选此行"},
        },
    )

    def __init__(self, *args: Any, detail_url_name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = self.detail_url_name or detail_url_name
        self.row_attrs = {
            "data-pk": lambda record: record.pk,
            "data-detail": (lambda record: reverse(name, args=[record.pk])) if name else "",
        }

    class Meta:
        attrs = {"class": "table table-sm table-bordered table-hover record-table"}
        empty_text = "没有数据"
        template_name = "core/table.html"


def _session_key(record: Any) -> str:
    return f"columns:{record.namespace}:{record.name}"


def chosen_columns(request: HttpRequest, record: Any) -> set[str]:
    """The columns to show: chosen now (?cols=…&cols_set=1), remembered in the session, or the
    record's defaults. Unknown names are dropped; the tick box column always stays."""
    available = [n for n in record.table.base_columns if n not in ALWAYS]
    session: Any = getattr(request, "session", {})
    if "cols_reset" in request.GET:
        session.pop(_session_key(record), None)
    elif "cols_set" in request.GET:
        session[_session_key(record)] = [n for n in request.GET.getlist("cols") if n in available]
    chosen = session.get(_session_key(record)) or list(record.default_columns) or available
    return {*chosen, *ALWAYS}


def table_for(record: Any, queryset: Any, shown: set[str]) -> Any:
    hidden = [n for n in record.table.base_columns if n not in shown]
    detail = record.url_name("detail") if record.has("detail") else ""
    return record.table(queryset, exclude=hidden, detail_url_name=detail)


def column_choices(table: Any, shown: set[str]) -> list[tuple[str, str, bool]]:
    """(name, header, shown) of every column the user may switch on or off (列设置)."""
    bound = table.columns.columns
    return [(n, str(bound[n].header), n in shown) for n in table.sequence if n not in ALWAYS]


def record_table(model: Any, fields: tuple[str, ...], **attrs: Any) -> type[RecordTable]:
    """A RecordTable over `fields` of `model` (headers are the fields' verbose names)."""
    meta = type("Meta", (RecordTable.Meta,), {"model": model, "fields": ("selection", *fields)})
    dates = {
        f.name: IsoDateColumn(verbose_name=f.verbose_name)
        for f in model._meta.fields
        if f.name in fields and type(f) is models.DateField
    }
    return type(f"{model.__name__}Table", (RecordTable,), {"Meta": meta, **dates, **attrs})
