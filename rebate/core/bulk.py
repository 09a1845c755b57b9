"""批量修改 for every RecordType: only the fields filled in are applied, to the ticked records (or
the whole filtered list), through the record's own update service, in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import services
from .forms import apply_conventions
from .records import RecordType, RecordView, build_form, filtered, list_url, ticked_pks

MAX_ERRORS_SHOWN = 20


def bulk_form_class(record: RecordType, enterprise: Any) -> type[forms.Form]:
    """A plain form with the record form's editable fields, all optional, blank = unchanged."""
    form: Any = build_form(record, enterprise)
    # Computed and 返填 fields are the system's to fill, never the clerk's (nor in bulk).
    computed = {*getattr(form, "computed_fields", ()), *getattr(form, "returned_fields", ())}
    fields: dict[str, forms.Field] = {}
    for name, field in form.fields.items():
        if name in computed or field.disabled or name in record.bulk_exclude:
            continue
        field.required = False
        field.initial = None  # a model default must not look like a value to apply
        if isinstance(field, forms.BooleanField):
            field = forms.NullBooleanField(label=field.label, required=False)
        fields[name] = field
    return type("BulkEditForm", (forms.Form,), dict(fields))


def filled(form: forms.Form) -> dict[str, Any]:
    """The fields the user filled in; an empty text / choice / number means 'leave as it is'."""
    return {
        name: value
        for name, value in form.cleaned_data.items()
        if value not in (None, "") and form.data.get(name, "") != ""
    }


@transaction.atomic
def bulk_update(
    record: RecordType, *, enterprise: Any, actor: Any, objects: Iterable[Any], data: dict[str, Any]
) -> int:
    """Apply `data` to every object (a list or the selection's QuerySet); any refusal rolls
    all of them back."""
    if record.update_many:
        return int(
            record.update_many(enterprise=enterprise, actor=actor, objects=objects, data=data)
        )
    update = record.update or services.record_update
    errors: list[str] = []
    objects = list(objects)
    for obj in objects:
        try:
            update(obj=obj, enterprise=enterprise, actor=actor, data=data)
        except ValidationError as exc:
            errors += [f"「{obj}」：{m}" for m in exc.messages]
    if errors:
        raise ValidationError(errors[:MAX_ERRORS_SHOWN])
    return len(objects)


class RecordBulkEditView(RecordView):
    """GET ?pk=…: the form; POST pk=… (or all=1 with the list's filters): apply it."""

    writes = True

    def selection(self, request: HttpRequest) -> Any:
        source = request.POST if request.method == "POST" else request.GET
        _, queryset = filtered(self.record, request, self.enterprise)
        if source.get("all") == "1":
            return queryset
        return queryset.filter(pk__in=ticked_pks(request))

    def get(self, request: HttpRequest) -> HttpResponse:
        closed = self.unavailable(request)
        return closed or self.show(request, bulk_form_class(self.record, self.enterprise)())

    def post(self, request: HttpRequest) -> HttpResponse:
        closed = self.unavailable(request)
        if closed:
            return closed
        form = bulk_form_class(self.record, self.enterprise)(request.POST)
        if form.is_valid():
            data = filled(form)
            objects = self.selection(request)
            if not data:
                form.add_error(None, "请至少填写一个要修改的项目")
            elif not objects.exists():
                form.add_error(None, "请先勾选要修改的记录")
            else:
                try:
                    count = bulk_update(
                        self.record,
                        enterprise=self.enterprise,
                        actor=request.user,
                        objects=objects,
                        data=data,
                    )
                except ValidationError as exc:
                    for message in exc.messages:
                        form.add_error(None, message)
                else:
                    messages.success(request, f"批量修改成功，共修改{count}条记录")
                    return redirect(list_url(self.record, request))
        return self.show(request, form, status=400)

    def show(self, request: HttpRequest, form: forms.Form, status: int = 200) -> HttpResponse:
        apply_conventions(form)
        source = request.POST if request.method == "POST" else request.GET
        context = self.context(
            form=form,
            count=self.selection(request).count(),
            pks=ticked_pks(request),
            all=source.get("all") == "1",
            query=request.GET.urlencode(),
        )
        return render(request, "core/record_bulk_edit.html", context, status=status)
