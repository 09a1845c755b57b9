"""Serializers that document (and render) the record forms for OpenAPI: the output is the
model's row, the input the record form's fields. The form still validates every input
(one set of rules for the page, the import and the API); these only describe it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from rest_framework import serializers

from rebate.core.records import RecordType

HIDDEN = ("enterprise",)


def _input_field(field: forms.Field) -> Any:
    common: dict[str, Any] = {
        "required": field.required,
        "help_text": str(field.help_text or field.label or ""),
    }
    if not field.required:
        common["allow_null"] = True
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=field.max_digits, decimal_places=field.decimal_places,
            coerce_to_string=True, **common,
        )  # fmt: skip
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(**common)
    if isinstance(field, forms.ChoiceField) and isinstance(field.choices, list):
        # Choices computed per request (a callable, e.g. the enterprise's own) stay text here.
        choices = [(k, v) for k, v in field.choices if k not in ("", None)]
        return serializers.ChoiceField(choices=choices, allow_blank=not field.required, **common)
    if isinstance(field, forms.BooleanField):
        common.pop("allow_null", None)
        return serializers.BooleanField(**{**common, "required": False})
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(**common)
    if isinstance(field, forms.DateTimeField):
        return serializers.DateTimeField(**common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(**common)
    max_length = getattr(field, "max_length", None)
    return serializers.CharField(max_length=max_length, allow_blank=not field.required, **common)


def _class_name(record: RecordType, suffix: str) -> str:
    words = f"{record.namespace}_{record.name}".replace("-", "_").split("_")
    return "".join(w.capitalize() for w in words) + suffix


def writable_fields(record: RecordType, form: Any = None) -> dict[str, forms.Field]:
    """The fields a caller may send (what the 新建 page lets the clerk type): of ``form``,
    or else of the form class as declared (the schema is built without a request, and a
    form's __init__ may read the database)."""
    fields = form.fields if form is not None else record.form.base_fields
    computed = set(getattr(record.form, "computed_fields", ()))
    return {name: f for name, f in fields.items() if name not in computed and not f.disabled}


def input_serializer(record: RecordType) -> type[serializers.Serializer[Any]]:
    fields = {name: _input_field(f) for name, f in writable_fields(record).items()}
    return type(_class_name(record, "Input"), (serializers.Serializer,), fields)


def output_serializer(record: RecordType) -> type[serializers.ModelSerializer[Any]]:
    model: type[models.Model] = record.model
    names = ["id", *(f.name for f in model._meta.concrete_fields if f.name not in HIDDEN)]
    names = list(dict.fromkeys(n if n != model._meta.pk.name else "id" for n in names))
    meta = type("Meta", (), {"model": model, "fields": names, "read_only_fields": names})
    return type(_class_name(record, "Record"), (serializers.ModelSerializer,), {"Meta": meta})


def bulk_serializer(
    record: RecordType, row: type[serializers.Serializer[Any]]
) -> type[serializers.Serializer[Any]]:
    """The bulk body: rows of the record's `row` input serializer (the very class 新建 is
    documented with: a second class of the same name is a colliding schema component)."""
    rows = serializers.ListField(child=row(), min_length=1)
    return type(_class_name(record, "Bulk"), (serializers.Serializer,), {"rows": rows})


# The one error body (errors.error_body). Built with type(): a field named "fields" shadows
# Serializer.fields for the type checker, though DRF takes declared fields out of the class.
ErrorSerializer: Any = type(
    "Error",
    (serializers.Serializer,),
    {
        "code": serializers.CharField(help_text="错误代码"),
        "message": serializers.CharField(help_text="错误信息"),
        "fields": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            help_text="出错的字段及其错误信息",
        ),
    },
)


class BulkResultSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField(help_text="新建的记录数")
