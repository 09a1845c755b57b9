"""Batches (申报数据) of every family, their 疑点, the bureau's review results and 数据查询:
reads through rebate.declarations' selectors, the same rows the pages show."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.declarations import selectors
from rebate.declarations.families import Family, UnknownFamily, families, get_family
from rebate.declarations.forms import query_form_class
from rebate.declarations.models import DeclarationBatch, Doubt, ReviewRecord
from rebate.integrations.wire.canonical import signed_info

from .base import ApiView, ApiViewSet
from .errors import form_error
from .schema_fields import ErrorSerializer

FAMILY = OpenApiParameter("family", str, description="申报业务（GET /api/v1/families 的 key）")
PERIOD = OpenApiParameter("period", str, description="所属期 YYYYMM 或 申报年 YYYY")


def family_or_404(key: str) -> Family:
    try:
        return get_family(key)
    except UnknownFamily as exc:
        raise NotFound(str(exc)) from None


class FamilySerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the family's name
    period_label = serializers.CharField(help_text="所属期、申报年或空")
    steps = serializers.ListField(child=serializers.CharField(), help_text="提供的流程步骤")
    businesses = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))


class FamiliesView(ApiView):
    @extend_schema(
        tags=["申报流程"], summary="申报业务及其流程步骤", responses=FamilySerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "key": f.key, "label": f.label, "period_label": f.period_label,
                    "steps": sorted(str(s) for s in f.steps),
                    "businesses": [{"code": b.code, "label": b.label} for b in f.businesses],
                }
                for f in families()
            ]
        )  # fmt: skip


class BatchSerializer(serializers.ModelSerializer[DeclarationBatch]):
    number = serializers.CharField(read_only=True, help_text="申报数据编号")
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    sign_text = serializers.SerializerMethodField(
        help_text="待签名时IC卡须签名的原文（摘要），POST …/sign 提交签名；其他状态为空"
    )
    doubt_count = serializers.SerializerMethodField()

    class Meta:
        model = DeclarationBatch
        fields = [
            "id", "family", "business_code", "period", "batch_no", "number", "status",
            "status_display", "package_name", "package_digest", "sign_text", "card_no",
            "line_count", "record_count", "figures", "receipt_no", "bureau_reasons",
            "doubt_count", "created_at", "submitted_at", "declared_at", "revoked_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_sign_text(self, batch: DeclarationBatch) -> str:
        return signed_info(batch.package_digest).decode() if batch.status == "unsigned" else ""

    def get_doubt_count(self, batch: DeclarationBatch) -> int:
        return batch.doubts.count()


@extend_schema(tags=["申报流程"])
class BatchViewSet(ApiViewSet):
    serializer_class = BatchSerializer
    queryset = DeclarationBatch.objects.none()

    def get_queryset(self) -> Any:
        return DeclarationBatch.objects.for_enterprise(self.enterprise)

    @extend_schema(summary="申报数据列表", parameters=[FAMILY, PERIOD])
    def list(self, request: Request) -> Response:
        family = request.query_params.get("family", "")
        rows = (
            selectors.batches(self.enterprise, family_or_404(family).key)
            if family
            else self.get_queryset()
        )
        if request.query_params.get("period"):
            rows = rows.filter(period=request.query_params["period"])
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(BatchSerializer(page, many=True).data)

    @extend_schema(summary="申报数据详情", responses={200: BatchSerializer, 404: ErrorSerializer})
    def retrieve(self, request: Request, pk: int) -> Response:
        return Response(BatchSerializer(get_object_or_404(self.get_queryset(), pk=pk)).data)


class DoubtSerializer(serializers.ModelSerializer[Doubt]):
    class Meta:
        model = Doubt
        fields = ["id", "batch", "code", "level", "skippable", "message", "table", "line_no",
                  "item_key", "record_id"]  # fmt: skip
        read_only_fields = fields


def _required_family(request: Request) -> Family:
    key = request.query_params.get("family", "")
    if not key:
        raise ValidationError({"family": ["请指定申报业务（family）"]})
    return family_or_404(key)


@extend_schema(tags=["申报流程"])
class DoubtViewSet(ApiViewSet):
    serializer_class = DoubtSerializer
    queryset = Doubt.objects.none()

    @extend_schema(
        summary="疑点（自检结果）",
        parameters=[FAMILY, OpenApiParameter("batch", OpenApiTypes.INT, description="申报数据id")],
    )
    def list(self, request: Request) -> Response:
        family = _required_family(request)
        batch = request.query_params.get("batch", "")
        if batch and not batch.isdigit():
            raise ValidationError({"batch": ["batch 应为申报数据id"]})
        rows = selectors.doubts(self.enterprise, family.key, int(batch) if batch else None)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(DoubtSerializer(page, many=True).data)


class ReviewSerializer(serializers.ModelSerializer[ReviewRecord]):
    result_display = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = ReviewRecord
        fields = ["id", "family", "business_code", "period", "receipt_no", "batch", "result",
                  "result_display", "line_count", "figures", "reasons", "reviewed_on"]  # fmt: skip
        read_only_fields = fields


@extend_schema(tags=["申报流程"])
class ReviewViewSet(ApiViewSet):
    serializer_class = ReviewSerializer
    queryset = ReviewRecord.objects.none()

    @extend_schema(summary="审核结果（核准数，如审核通过的应退税额）", parameters=[FAMILY, PERIOD])
    def list(self, request: Request) -> Response:
        rows = selectors.reviews(self.enterprise, _required_family(request).key)
        if request.query_params.get("period"):
            rows = rows.filter(period=request.query_params["period"])
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ReviewSerializer(page, many=True).data)


class FigureSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]  # the figure's name
    declared = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    approved = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)


class QueryRowSerializer(serializers.Serializer[Any]):
    period = serializers.CharField()
    batch = serializers.IntegerField(source="batch.pk", allow_null=True, default=None)
    review = serializers.IntegerField(source="review.pk", allow_null=True, default=None)
    result = serializers.CharField(source="review.result", allow_null=True, default=None)
    differs = serializers.BooleanField()
    figures = FigureSerializer(many=True)


class QueryView(ApiView):
    @extend_schema(
        tags=["申报流程"],
        summary="数据查询：申报数与税务机关核准数",
        parameters=[FAMILY, PERIOD],
        responses={200: QueryRowSerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        fam = _required_family(request)
        form = query_form_class(fam)(request.query_params)
        if not form.is_valid():
            raise form_error(form)
        rows = selectors.query_rows(self.enterprise, fam, form.cleaned_data.get("period", ""))
        return Response(QueryRowSerializer(rows, many=True).data)
