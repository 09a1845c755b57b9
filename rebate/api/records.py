"""Every record form of every family, generically from the record framework
(rebate.core.records): list (its FilterSet), 新建, detail, 修改, 删除 and bulk create with
the Excel import's all-or-nothing rules (rebate.core.imports.validate_data / write_rows).

Nothing here knows a form: a RecordType registered anywhere gets its endpoints, its form
validates what is sent, its services write, its read-only and unavailable reasons refuse.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import URLPattern, path
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.accounts.access import request_user
from rebate.core import services as record_services
from rebate.core.imports import (
    MAX_ROWS,
    ImportFailed,
    RowError,
    import_columns,
    text_row,
    validate_data,
    write_rows,
)
from rebate.core.records import (
    REGISTRY,
    RecordType,
    build_form,
    discover_records,
    entered,
    save_record,
)

from .base import ApiViewSet
from .errors import form_error
from .schema_fields import (
    BulkResultSerializer,
    ErrorSerializer,
    bulk_serializer,
    input_serializer,
    output_serializer,
    writable_fields,
)

BULK_MAX_ROWS = min(MAX_ROWS, 10_000)


class ReadOnly(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "read_only"


class Unavailable(APIException):
    status_code = status.HTTP_403_FORBIDDEN
    default_code = "unavailable"


def _unknown(record: RecordType, enterprise: Any, data: Any) -> None:
    if not isinstance(data, dict):
        raise ValidationError("请求内容应为JSON对象")
    allowed = writable_fields(record, build_form(record, enterprise))
    unknown = [k for k in data if k not in allowed]
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "该字段不能填写（未知字段或由系统计算）"))


class RecordViewSet(ApiViewSet):
    record: RecordType
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> Any:
        return self.record.queryset(self.enterprise)

    def _open(self) -> None:
        reason = self.record.unavailable_reason(self.enterprise)
        if reason:
            raise Unavailable(reason)

    def _writable(self, obj: Any) -> None:
        reason = self.record.read_only_reason(obj)
        if reason:
            raise ReadOnly(reason)

    def _shown(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(obj).data, status=code)

    def list(self, request: Request) -> Response:
        self._open()
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        return self._shown(self.get_object())

    def _save(self, obj: Any, data: dict[str, Any], copy: Any = None) -> Any:
        """Validate with the record's form (on ``copy``: a ModelForm writes into its instance,
        and the service must see the stored values to know what changed), then the service."""
        form = build_form(self.record, self.enterprise, data, instance=copy)
        if not form.is_valid():
            raise form_error(form)
        actor = request_user(self.request)
        return save_record(self.record, self.enterprise, actor, obj, entered(form))

    def create(self, request: Request) -> Response:
        self._open()
        _unknown(self.record, self.enterprise, request.data)
        saved = self._save(None, dict(request.data))
        return self._shown(saved, status.HTTP_201_CREATED)

    def update(self, request: Request, pk: int) -> Response:
        """PUT and PATCH alike: the fields sent change, the others keep their values."""
        obj = self.get_object()  # another enterprise's row is not found, whatever else holds
        self._open()
        self._writable(obj)
        _unknown(self.record, self.enterprise, request.data)
        copy = self.get_object()
        current = build_form(self.record, self.enterprise, instance=copy)
        data = {name: current.initial.get(name) for name in writable_fields(self.record, current)}
        saved = self._save(obj, {**data, **dict(request.data)}, copy)
        return self._shown(saved)

    def destroy(self, request: Request, pk: int) -> Response:
        obj = self.get_object()
        self._writable(obj)
        delete = self.record.delete or record_services.record_delete
        delete(obj=obj, enterprise=self.enterprise, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def bulk_create(self, request: Request) -> Response:
        """All rows or none, by the Excel import's rules; errors name rows[i].field."""
        self._open()
        rows = request.data.get("rows") if isinstance(request.data, dict) else None
        if not isinstance(rows, list) or not rows:
            raise ValidationError({"rows": "rows 应为非空数组"})
        if len(rows) > BULK_MAX_ROWS:
            raise ValidationError({"rows": f"一次最多提交{BULK_MAX_ROWS}行"})
        columns = {c.name: c for c in import_columns(self.record)}
        errors = [
            RowError(number, name, "该字段不能填写（未知字段或由系统计算）")
            for number, row in enumerate(rows, start=1)
            for name in (row if isinstance(row, dict) else {"—": None})
            if name not in columns
        ]
        if errors:
            raise ImportFailed(errors)
        numbered = ((n, text_row(columns, row)) for n, row in enumerate(rows, start=1))
        valid = validate_data(self.record, numbered, self.enterprise)
        created = write_rows(
            self.record, enterprise=self.enterprise, actor=request_user(request), rows=valid
        )
        return Response({"created": created}, status=status.HTTP_201_CREATED)


ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


def _viewset(record: RecordType) -> type[RecordViewSet]:
    out, inp = output_serializer(record), input_serializer(record)
    tag = f"记录：{record.title}"
    attrs = {
        "record": record,
        "serializer_class": out,
        "filterset_class": record.filterset,
        "queryset": record.model._default_manager.none(),
    }
    cls = type(f"{out.__name__}ViewSet", (RecordViewSet,), attrs)

    def doc(summary: str, **kw: Any) -> Any:
        return extend_schema(tags=[tag], summary=f"{record.title}：{summary}", **kw)

    docs = {
        "list": doc("列表"),
        "retrieve": doc("详情", responses={200: out, **ERRORS}),
        "create": doc("新建", request=inp, responses={201: out, **ERRORS}),
        "update": doc("修改（只改提交的字段）", request=inp, responses={200: out, **ERRORS}),
        "destroy": doc("删除", responses={204: None, **ERRORS}),
    }
    if record.has("import") and record.has("add"):
        # Documented on the method itself: extend_schema_view only reaches the names it knows
        # (HTTP verbs, the router's actions), so "bulk" there was dropped with a W001 warning
        # and the 42 /bulk operations were listed without summary or request body.
        def bulk(self: RecordViewSet, request: Request) -> Response:
            return self.bulk_create(request)

        cls.bulk = doc(  # type: ignore[attr-defined]
            "批量新建（全部成功或全部不保存，规则同导入）",
            request=bulk_serializer(record, inp),
            responses={201: BulkResultSerializer, **ERRORS},
        )(bulk)
    return extend_schema_view(**docs)(cls)


def api_name(record: RecordType, kind: str) -> str:
    """The URL name inside the api namespace (RecordType.api_url_name without "api:v1:")."""
    return record.api_url_name(kind).removeprefix("api:v1:")


def record_urls() -> list[URLPattern]:
    discover_records()
    patterns: list[URLPattern] = []
    for record in REGISTRY:
        view = _viewset(record)
        base = f"records/{record.namespace}/{record.name}"
        listing: dict[str, Any] = {"get": "list"} if record.has("list") else {}
        if record.has("add"):
            listing["post"] = "create"
        item: dict[str, Any] = {"get": "retrieve"} if record.has("detail") else {}
        if record.has("edit"):
            item |= {"put": "update", "patch": "update"}
        if record.has("delete"):
            item["delete"] = "destroy"
        if listing:
            patterns.append(path(base, view.as_view(listing), name=api_name(record, "list")))
        if record.has("import") and record.has("add"):
            bulk = view.as_view({"post": "bulk"})
            patterns.append(path(base + "/bulk", bulk, name=api_name(record, "bulk")))
        if item:
            patterns.append(
                path(base + "/<int:pk>", view.as_view(item), name=api_name(record, "detail"))
            )
    return patterns
