"""Generic record pages: a RecordType declares a form's model, table, filters, form and services,
and gets list / 新建 / detail / edit / delete / 批量导出 pages and their URLs.

Modelled on NetBox's generic views: forty forms must not mean forty copies of this code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.views import View

from . import services
from .access import DataAccessMixin
from .excel import stream_xlsx

Service = Callable[..., Any]


@dataclass
class RecordType:
    model: type[models.Model]
    namespace: str
    title: str
    table: type[tables.Table]
    form: type[forms.ModelForm]  # type: ignore[type-arg]
    filterset: type[django_filters.FilterSet] | None = None
    create: Service | None = None
    update: Service | None = None
    delete: Service | None = None
    read_only_reason: Callable[[Any], str] = lambda obj: ""
    select_related: tuple[str, ...] = ()
    spec: tuple[str, ...] = ()
    name: str = ""
    extra_actions: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        self.name = self.name or self.model._meta.model_name or ""

    def url_name(self, action: str) -> str:
        return f"{self.namespace}:{self.name}_{action}"

    def queryset(self, enterprise: Any) -> Any:
        manager: Any = self.model._default_manager
        return manager.filter(enterprise=enterprise).select_related(*self.select_related)

    def urls(self) -> list[URLPattern]:
        n = self.name
        kwargs = {"record": self}
        return [
            path(f"{n}/", RecordListView.as_view(**kwargs), name=f"{n}_list"),
            path(f"{n}/add/", RecordEditView.as_view(**kwargs), name=f"{n}_add"),
            path(f"{n}/export/", RecordExportView.as_view(**kwargs), name=f"{n}_export"),
            path(f"{n}/<int:pk>/", RecordDetailView.as_view(**kwargs), name=f"{n}_detail"),
            path(f"{n}/<int:pk>/edit/", RecordEditView.as_view(**kwargs), name=f"{n}_edit"),
            path(f"{n}/<int:pk>/delete/", RecordDeleteView.as_view(**kwargs), name=f"{n}_delete"),
        ]


REGISTRY: list[RecordType] = []


def register(record: RecordType) -> RecordType:
    REGISTRY.append(record)
    return record


class RecordView(DataAccessMixin, View):
    record: RecordType = None  # type: ignore[assignment]

    def get_object(self, pk: int) -> Any:
        return get_object_or_404(self.record.queryset(self.enterprise), pk=pk)

    def context(self, **extra: Any) -> dict[str, Any]:
        return {"record": self.record, "title": self.record.title, **extra}


def filtered(record: RecordType, request: HttpRequest, enterprise: Any) -> tuple[Any, Any]:
    queryset = record.queryset(enterprise)
    if record.filterset is None:
        return None, queryset
    filterset = record.filterset(request.GET or None, queryset=queryset)
    return filterset, filterset.qs


class RecordListView(RecordView):
    def get(self, request: HttpRequest) -> HttpResponse:
        filterset, queryset = filtered(self.record, request, self.enterprise)
        table = self.record.table(queryset)
        tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
        return render(request, "core/record_list.html", self.context(table=table, filter=filterset))


class RecordDetailView(RecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk)
        form = self.record.form(instance=obj)
        for item in form.fields.values():
            item.disabled = True
        return render(
            request,
            "core/record_detail.html",
            self.context(object=obj, form=form, read_only=self.record.read_only_reason(obj)),
        )


class RecordEditView(RecordView):
    writes = True

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.get_object(pk) if pk else None
        return self.show(request, self.record.form(instance=obj), obj)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.get_object(pk) if pk else None
        reason = self.record.read_only_reason(obj) if obj else ""
        form = self.record.form(request.POST, instance=obj)
        if reason:
            form.add_error(None, reason)
        elif form.is_valid():
            try:
                saved = self.save(form, obj)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, "保存成功")
                return redirect(reverse(self.record.url_name("detail"), args=[saved.pk]))
        return self.show(request, form, obj, status=400)

    def save(self, form: Any, obj: Any) -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}
        actor = self.request.user
        if obj is None:
            create = self.record.create or services.record_create
            kwargs = {} if self.record.create else {"model": self.record.model}
            return create(enterprise=self.enterprise, actor=actor, data=data, **kwargs)
        update = self.record.update or services.record_update
        return update(obj=obj, enterprise=self.enterprise, actor=actor, data=data)

    def show(self, request: HttpRequest, form: Any, obj: Any, status: int = 200) -> HttpResponse:
        return render(
            request, "core/record_edit.html", self.context(form=form, object=obj), status=status
        )


class RecordDeleteView(RecordView):
    writes = True

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk)
        return render(
            request,
            "core/record_delete.html",
            self.context(object=obj, read_only=self.record.read_only_reason(obj)),
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk)
        reason = self.record.read_only_reason(obj)
        try:
            if reason:
                raise ValidationError(reason)
            delete = self.record.delete or services.record_delete
            delete(obj=obj, enterprise=self.enterprise, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect(reverse(self.record.url_name("detail"), args=[pk]))
        messages.success(request, "删除成功")
        return redirect(reverse(self.record.url_name("list")))


class RecordExportView(RecordView):
    """批量导出: the filtered list (or the ticked rows) as a streamed Excel file."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        _, queryset = filtered(self.record, request, self.enterprise)
        ticked = [int(pk) for pk in request.GET.getlist("pk") if pk.isdigit()]
        if ticked:
            queryset = queryset.filter(pk__in=ticked)
        table = self.record.table(queryset.order_by("pk"))
        return stream_xlsx(table, f"{self.record.title}.xlsx")


def apply_validation_error(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error.messages[0] if hasattr(error, "messages") else error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
