"""Reference lookups: the rate library (the JSON of ``manage.py rate_lookup``), the customs
parameter tables and the 人民币汇率中间价, through rebate.codes' selectors and forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.codes import selectors
from rebate.codes.choices import CodeTable
from rebate.codes.forms import ExchangeRateFilterForm
from rebate.codes.models import CustomsCode, ExchangeRate

from .base import ApiView, ApiViewSet
from .errors import form_error
from .pagination import Cursor
from .schema_fields import ErrorSerializer


class RateRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    unit_code = serializers.CharField()
    unit = serializers.CharField()
    levy_rate = serializers.CharField(help_text="征税率（小数，如 0.13）")
    rebate_rate = serializers.CharField(help_text="退税率（小数）")
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    special_flag = serializers.CharField()
    version = serializers.CharField()
    is_sample = serializers.BooleanField()


class RateQuery(forms.Form):
    date = forms.DateField(label="日期", required=False)
    version = forms.CharField(label="文库版本", required=False, max_length=40)


class RateLookupView(ApiView):
    @extend_schema(
        tags=["参考数据"],
        summary="商品代码在某日适用的征税率与退税率（同 manage.py rate_lookup）",
        parameters=[
            OpenApiParameter("date", OpenApiTypes.DATE, description="日期 YYYY-MM-DD（默认今天）"),
            OpenApiParameter("version", str, description="文库版本（默认启用的版本）"),
        ],
        responses={200: RateRowSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, code: str) -> Response:
        query = RateQuery(request.query_params)
        if not query.is_valid():
            raise form_error(query)
        on = query.cleaned_data["date"] or date.today()
        try:
            row = selectors.rate_lookup(code, on, version=query.cleaned_data["version"] or None)
        except selectors.RateNotFound as exc:
            raise NotFound(str(exc)) from None
        return Response(row.as_json())


class TableSerializer(serializers.Serializer[Any]):
    table = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the table's name


class CodeSerializer(serializers.ModelSerializer[CustomsCode]):
    class Meta:
        model = CustomsCode
        fields = ["code", "name", "name_en", "old_code", "rebate_type"]
        read_only_fields = fields


class CodeCursor(Cursor):
    ordering = "code"


class TablesView(ApiView):
    @extend_schema(
        tags=["参考数据"],
        summary="海关参数代码表",
        operation_id="codes_tables",
        responses=TableSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        tables = [{"table": t.value, "label": t.label} for t in CodeTable]
        return Response([t for t in tables if t["table"] != CodeTable.COMMODITY])


@extend_schema(tags=["参考数据"])
class TableCodesViewSet(ApiViewSet):
    serializer_class = CodeSerializer
    pagination_class = CodeCursor
    queryset = CustomsCode.objects.none()

    @extend_schema(
        summary="代码表的代码（当前版本）",
        responses={200: CodeSerializer(many=True), 404: ErrorSerializer},
    )
    def list(self, request: Request, table: str) -> Response:
        if table not in CodeTable.values or table == CodeTable.COMMODITY:
            raise NotFound(f"没有代码表“{table}”")
        page = self.paginate_queryset(selectors.customs_codes(CodeTable(table)))
        return self.get_paginated_response(CodeSerializer(page, many=True).data)


class ExchangeRateSerializer(serializers.ModelSerializer[ExchangeRate]):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "on_date", "rate", "source"]
        read_only_fields = fields


class RateCursor(Cursor):
    ordering = ("-on_date", "currency")  # type: ignore[assignment]  # DRF takes a tuple


@extend_schema(tags=["参考数据"])
class ExchangeRateViewSet(ApiViewSet):
    serializer_class = ExchangeRateSerializer
    pagination_class = RateCursor
    queryset = ExchangeRate.objects.none()

    @extend_schema(
        summary="人民币汇率中间价",
        parameters=[
            OpenApiParameter("currency", str, description="币制（如 USD）"),
            OpenApiParameter("date_from", OpenApiTypes.DATE, description="日期起"),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description="日期止"),
        ],
        responses={200: ExchangeRateSerializer(many=True), 400: ErrorSerializer},
    )
    def list(self, request: Request) -> Response:
        form = ExchangeRateFilterForm(request.query_params)
        if not form.is_valid():
            raise form_error(form)
        data = form.cleaned_data
        rows = selectors.exchange_rates(data["currency"], data["date_from"], data["date_to"])
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ExchangeRateSerializer(page, many=True).data)
