"""海外仓出口货物核对 through the API: the pre-refunded HWC-YT 明细 lines with 核对期限, status
and 逾期, one line with its reconciliation, and 核对 of a line (reported to the bureau first).

The page's form validates what is sent and rebate.overseas.services writes, so the bureau is
told first and nothing is recorded when it refuses, exactly as on the page; 查看 may only read.
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.accounts.access import request_user
from rebate.overseas import selectors, services
from rebate.overseas.forms import ReconciliationForm
from rebate.overseas.models import Outcome, OverseasReconciliation, Settlement

from .base import ApiView, ApiViewSet
from .errors import body, form_error
from .schema_fields import ErrorSerializer

TAG = ["海外仓出口货物核对"]
ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}


class ReconciliationSerializer(serializers.ModelSerializer[OverseasReconciliation]):
    class Meta:
        model = OverseasReconciliation
        fields = ["id", "outcome", "sold_on", "sale_amount", "settlement", "settle_amount",
                  "reason", "created_at"]  # fmt: skip
        read_only_fields = fields


class OverseasLineSerializer(serializers.Serializer[Any]):
    """One selectors.OverseasRow: the declared line (unaltered), its due date and status."""

    id = serializers.IntegerField(source="line.pk", read_only=True)
    period = serializers.CharField(source="line.period", read_only=True, help_text="所属期")
    sequence_no = serializers.IntegerField(source="line.sequence_no", read_only=True)
    item_key = serializers.CharField(source="line.item_key", read_only=True,
                                     help_text="出口报关单号")  # fmt: skip
    export_date = serializers.DateField(source="line.export_date", read_only=True)
    commodity_name = serializers.CharField(source="line.commodity_name", read_only=True)
    fob_cny = serializers.DecimalField(
        source="line.fob_cny", read_only=True, max_digits=18, decimal_places=2
    )
    exempt_credit_refund = serializers.DecimalField(
        source="line.exempt_credit_refund", read_only=True, max_digits=18, decimal_places=2
    )
    due = serializers.DateField(read_only=True, allow_null=True,
                                help_text="核对期限（公告2025年第3号前出口：null）")  # fmt: skip
    status = serializers.CharField(read_only=True, help_text="已核对 / 未核对")
    overdue = serializers.BooleanField(read_only=True, help_text="逾期：未核对且已过核对期限")
    reconciliation = ReconciliationSerializer(read_only=True, allow_null=True)


class ReconciliationBody(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, help_text="sold 已售出 / unsold 未售出"
    )
    sold_on = serializers.DateField(required=False, help_text="销售日期（已售出）")
    sale_amount = serializers.CharField(required=False, help_text="销售金额（已售出），如7300.00")
    settlement = serializers.ChoiceField(
        choices=Settlement.choices, required=False, help_text="repay 补缴 / adjust 调整（未售出）"
    )
    settle_amount = serializers.CharField(required=False, help_text="补缴/调整金额（未售出）")
    reason = serializers.CharField(required=False, max_length=300, help_text="原因（未售出）")


def _row(enterprise: Any, line: Any) -> selectors.OverseasRow:
    found = selectors.reconciliation_of(enterprise, line)
    return selectors.OverseasRow(line, selectors.due_date(line), found, timezone.localdate())


class OverseasLineViewSet(ApiViewSet):
    serializer_class = OverseasLineSerializer

    def get_queryset(self) -> Any:
        return selectors.prerefunded_lines(self.enterprise)

    @extend_schema(tags=TAG, summary="海外仓预退税（HWC-YT）已申报明细：核对期限、状态、逾期")
    def list(self, request: Request) -> Response:
        page = [line for line in self.paginate_queryset(self.get_queryset()) or []
                if selectors.is_prerefunded(line)]  # fmt: skip
        done = selectors.reconciliations(self.enterprise, [line.pk for line in page])
        today = timezone.localdate()
        rows = [
            selectors.OverseasRow(line, selectors.due_date(line), done.get(line.pk), today)
            for line in page
        ]
        return self.get_paginated_response(OverseasLineSerializer(rows, many=True).data)

    @extend_schema(tags=TAG, summary="一条海外仓预退税明细及其核对结果",
                   responses={200: OverseasLineSerializer, 404: ErrorSerializer})  # fmt: skip
    def retrieve(self, request: Request, pk: int) -> Response:
        line = selectors.line_of(self.enterprise, pk)
        return Response(OverseasLineSerializer(_row(self.enterprise, line)).data)


class ReconcileView(ApiView):
    @extend_schema(
        tags=TAG,
        summary="核对：已售出（销售日期、销售金额）或未售出（补缴/调整、金额、原因），先报送税务局",
        request=ReconciliationBody,
        responses={201: OverseasLineSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        line = selectors.line_of(self.enterprise, pk)
        form = ReconciliationForm(body(request))
        if not form.is_valid():
            raise form_error(form)
        services.record_reconciliation(
            enterprise=self.enterprise, actor=request_user(request._request), line=line,
            report=form.report(),
        )  # fmt: skip
        row = _row(self.enterprise, line)
        return Response(OverseasLineSerializer(row).data, status=status.HTTP_201_CREATED)


def overseas_urls() -> list[URLPattern]:
    view = OverseasLineViewSet.as_view
    return [
        path("overseas/lines", view({"get": "list"}), name="overseas-line-list"),
        path("overseas/lines/<int:pk>", view({"get": "retrieve"}), name="overseas-line-detail"),
        path("overseas/lines/<int:pk>/reconciliation", ReconcileView.as_view(),
             name="overseas-line-reconcile"),
    ]  # fmt: skip
