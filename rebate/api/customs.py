"""报关单: 信息下载 (the page's job, its form), the list with the page's FilterSet, one
declaration with its items (商品信息), and the page's 数据检查 and 生成退税 of the declarations
named by id (the page's ticks): the same services, 生成退税 with the page's dialog form."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.accounts.access import request_user
from rebate.customs import selectors, services
from rebate.customs.choices import DownloadMode
from rebate.customs.filters import DeclarationFilter
from rebate.customs.forms import DownloadForm, GenerateForm
from rebate.customs.models import Declaration, DeclarationItem
from rebate.customs.tasks import download_job_for

from .base import ApiView, ApiViewSet
from .errors import body, form_error
from .jobs import JobSerializer, job_started
from .schema_fields import ErrorSerializer

HIDDEN = ("enterprise", "received_hash")


def _fields(model: Any, hidden: tuple[str, ...]) -> list[str]:
    return ["id", *(f.name for f in model._meta.concrete_fields if f.name not in (*hidden, "id"))]


class DeclarationSerializer(serializers.ModelSerializer[Declaration]):
    class Meta:
        model = Declaration
        fields = _fields(Declaration, HIDDEN)
        read_only_fields = fields


class ItemSerializer(serializers.ModelSerializer[DeclarationItem]):
    class Meta:
        model = DeclarationItem
        fields = _fields(DeclarationItem, ("enterprise", "declaration"))
        read_only_fields = fields


class DeclarationDetailSerializer(DeclarationSerializer):
    items = serializers.SerializerMethodField()

    class Meta(DeclarationSerializer.Meta):
        fields = [*DeclarationSerializer.Meta.fields, "items"]
        read_only_fields = fields

    @extend_schema_field(ItemSerializer(many=True))
    def get_items(self, declaration: Declaration) -> list[dict[str, Any]]:
        rows = selectors.declaration_items(declaration.enterprise, declaration).order_by("g_no")
        return list(ItemSerializer(rows, many=True).data)


@extend_schema(tags=["报关单"])
class DeclarationViewSet(ApiViewSet):
    serializer_class = DeclarationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = DeclarationFilter
    queryset = Declaration.objects.none()

    def get_queryset(self) -> Any:
        return selectors.declarations(self.enterprise)

    @extend_schema(summary="报关单信息（筛选同页面）")
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(DeclarationSerializer(page, many=True).data)

    @extend_schema(
        summary="报关单详情及商品信息",
        responses={200: DeclarationDetailSerializer, 404: ErrorSerializer},
    )
    def retrieve(self, request: Request, pk: int) -> Response:
        found = get_object_or_404(self.get_queryset().select_related("enterprise"), pk=pk)
        return Response(DeclarationDetailSerializer(found).data)


class DownloadView(ApiView):
    @extend_schema(
        tags=["报关单"],
        summary="信息下载（后台任务）：按出口日期或报关单号",
        request=inline_serializer("DownloadBody", {
            "mode": serializers.ChoiceField(choices=DownloadMode.choices, required=False),
            "date_from": serializers.DateField(required=False),
            "date_to": serializers.DateField(required=False),
            "entry_id": serializers.CharField(required=False, help_text="18位报关单号"),
        }),
        responses={202: JobSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        form = DownloadForm(request.data)
        if not form.is_valid():
            raise form_error(form)
        job = download_job_for(
            enterprise=self.enterprise, actor=request_user(request._request), data=form.cleaned_data
        )
        return job_started(job)


MAX_TICKED = 10_000
TICKED = serializers.ListField(
    child=serializers.IntegerField(min_value=1), max_length=MAX_TICKED,
    help_text="报关单id（列表中的 id），同页面勾选",
)  # fmt: skip
ERRORS = {400: ErrorSerializer, 403: ErrorSerializer}


def _ticked(data: Any) -> list[int]:
    try:
        found = TICKED.run_validation(data.get("declaration_ids", []))
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({"declaration_ids": exc.detail}) from None
    return [int(pk) for pk in found]


class CheckView(ApiView):
    @extend_schema(
        tags=["报关单"],
        summary="数据检查：检查结果存入各报关单（check_status、check_problems）",
        request=inline_serializer("DeclarationCheckBody", {"declaration_ids": TICKED}),
        responses={200: inline_serializer("DeclarationCheckDone", {
            "message": serializers.CharField(), "passed": serializers.IntegerField(),
            "failed": serializers.IntegerField(),
        }), **ERRORS},
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        report = services.declarations_check(
            enterprise=self.enterprise, actor=request_user(request._request),
            declaration_ids=_ticked(body(request)),
        )  # fmt: skip
        return Response(
            {"message": report.text(), "passed": report.passed, "failed": report.failed}
        )


class GenerateView(ApiView):
    @extend_schema(
        tags=["报关单"],
        summary="生成退税：检查通过的报关单生成出口货物明细（同页面对话框）",
        request=inline_serializer("DeclarationGenerateBody", {
            "declaration_ids": TICKED,
            **{name: serializers.CharField(required=name == "period", allow_blank=name != "period",
                                           help_text=str(field.help_text or field.label))
               for name, field in GenerateForm.base_fields.items()},
        }),
        responses={200: inline_serializer("DeclarationGenerateDone", {
            "message": serializers.CharField(), "declarations": serializers.IntegerField(),
            "lines": serializers.IntegerField(help_text="生成的出口明细条数"),
            "refused": serializers.ListField(child=serializers.CharField(),
                                             help_text="未生成的报关单及原因"),
        }), **ERRORS},
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        data = body(request)
        ids = _ticked(data)
        form = GenerateForm(
            {k: v for k, v in data.items() if k != "declaration_ids"},
            invoice_required=selectors.any_without_invoice(self.enterprise, ids),
        )
        if not form.is_valid():
            raise form_error(form)
        result = services.declarations_generate(
            enterprise=self.enterprise, actor=request_user(request._request),
            declaration_ids=ids, **form.cleaned_data,
        )  # fmt: skip
        return Response({
            "message": result.text(), "declarations": result.declarations,
            "lines": result.lines, "refused": list(result.refused),
        })  # fmt: skip
