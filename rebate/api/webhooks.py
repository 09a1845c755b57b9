"""消息推送 through the API: endpoints (list, 新建 with the secret shown once, detail, 修改 /
停用, 删除, 重新生成密钥, 发送测试消息) and each endpoint's 推送记录 (重新发送).

The page's forms validate what is sent and rebate.webhooks.services write, so the address is
checked (egress), the secret sealed and the events cleaned exactly as on the page.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.accounts.access import request_user
from rebate.webhooks import selectors, services
from rebate.webhooks.choices import SUBSCRIBABLE
from rebate.webhooks.forms import EndpointCreateForm, EndpointEditForm
from rebate.webhooks.models import WebhookDelivery, WebhookEndpoint

from .base import ApiView, ApiViewSet
from .errors import body, form_error
from .schema_fields import ErrorSerializer

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
TAG = ["消息推送"]
EVENTS = serializers.ListField(
    child=serializers.ChoiceField(choices=SUBSCRIBABLE), help_text="订阅事件（至少一个）"
)


class EndpointSerializer(serializers.ModelSerializer[WebhookEndpoint]):
    events = serializers.ListField(child=serializers.CharField(), read_only=True)
    secret_hint = serializers.CharField(read_only=True, help_text="签名密钥末四位")

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "name", "url", "events", "active", "secret_hint", "secret_rotated_at",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class CreatedEndpointSerializer(EndpointSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="签名密钥（whsec_…）：仅在本次响应中出现，请立即保存"
    )

    class Meta(EndpointSerializer.Meta):
        fields = [*EndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class EndpointCreateBody(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100)
    url = serializers.CharField(
        max_length=500, help_text=EndpointCreateForm.base_fields["url"].help_text
    )
    events = EVENTS


class EndpointEditBody(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100, required=False)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=SUBSCRIBABLE), required=False
    )
    active = serializers.BooleanField(required=False, help_text="启用")


class DeliverySerializer(serializers.ModelSerializer[WebhookDelivery]):
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id", "endpoint", "event", "event_id", "status", "status_display", "attempts",
            "max_attempts", "next_attempt_at", "last_attempt_at", "response_status",
            "response_body", "error", "delivered_at", "resent_from", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


def _valid(form_class: type[Any], data: Any) -> dict[str, Any]:
    """The page's form over the body; a field the form does not have is refused by name."""
    unknown = [k for k in data if k not in form_class.base_fields]
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "该字段不能填写（未知字段）"))
    form = form_class(data)
    if not form.is_valid():
        raise form_error(form)
    return dict(form.cleaned_data)


class EndpointViewSet(ApiViewSet):
    serializer_class = EndpointSerializer
    queryset = WebhookEndpoint.objects.none()

    def get_queryset(self) -> Any:
        return selectors.endpoints(self.enterprise)

    def _endpoint(self, pk: int) -> WebhookEndpoint:
        found = selectors.endpoint(self.enterprise, pk)
        if found is None:
            raise Http404
        return found

    @extend_schema(tags=TAG, summary="消息推送地址列表")
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(EndpointSerializer(page, many=True).data)

    @extend_schema(tags=TAG, summary="新建消息推送地址（签名密钥仅在本次响应中返回）",
                   request=EndpointCreateBody,
                   responses={201: CreatedEndpointSerializer, **ERRORS})  # fmt: skip
    def create(self, request: Request) -> Response:
        data = _valid(EndpointCreateForm, body(request))
        endpoint, secret = services.endpoint_create(
            enterprise=self.enterprise, actor=request_user(request._request), **data
        )
        shown = {**EndpointSerializer(endpoint).data, "secret": secret}
        return Response(shown, status=status.HTTP_201_CREATED)

    @extend_schema(tags=TAG, summary="消息推送地址详情",
                   responses={200: EndpointSerializer, 404: ErrorSerializer})  # fmt: skip
    def retrieve(self, request: Request, pk: int) -> Response:
        return Response(EndpointSerializer(self._endpoint(pk)).data)

    @extend_schema(tags=TAG, summary="修改名称、订阅事件、启用/停用（只改提交的字段）",
                   request=EndpointEditBody,
                   responses={200: EndpointSerializer, **ERRORS})  # fmt: skip
    def update(self, request: Request, pk: int) -> Response:
        endpoint = self._endpoint(pk)
        sent = body(request)
        if "url" in sent:
            raise ValidationError({"url": "推送地址不能修改，新的地址请新建推送地址"})
        current = {"name": endpoint.name, "events": endpoint.events, "active": endpoint.active}
        data = _valid(EndpointEditForm, {**current, **sent})
        services.endpoint_update(
            enterprise=self.enterprise, actor=request_user(request._request),
            endpoint=endpoint, **data,
        )  # fmt: skip
        return Response(EndpointSerializer(endpoint).data)

    @extend_schema(tags=TAG, summary="删除消息推送地址（推送记录一并删除）",
                   responses={204: None, **ERRORS})  # fmt: skip
    def destroy(self, request: Request, pk: int) -> Response:
        services.endpoint_delete(
            enterprise=self.enterprise, actor=request_user(request._request),
            endpoint=self._endpoint(pk),
        )  # fmt: skip
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(tags=TAG, summary="重新生成签名密钥（旧密钥立即失效；新密钥仅在本次响应中返回）",
                   request=None, responses={200: CreatedEndpointSerializer, **ERRORS})  # fmt: skip
    def rotate(self, request: Request, pk: int) -> Response:
        endpoint = self._endpoint(pk)
        secret = services.endpoint_rotate_secret(
            enterprise=self.enterprise, actor=request_user(request._request), endpoint=endpoint
        )
        return Response({**EndpointSerializer(endpoint).data, "secret": secret})

    @extend_schema(tags=TAG, summary="发送测试消息（ping，后台发送）", request=None,
                   responses={202: DeliverySerializer, **ERRORS})  # fmt: skip
    def ping(self, request: Request, pk: int) -> Response:
        endpoint = self._endpoint(pk)
        services.endpoint_ping(
            enterprise=self.enterprise, actor=request_user(request._request), endpoint=endpoint
        )
        sent = selectors.deliveries(self.enterprise, endpoint.pk).first()
        return Response(DeliverySerializer(sent).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(tags=TAG, summary="该地址的推送记录（状态、响应状态码、尝试次数）",
                   responses={200: DeliverySerializer(many=True),
                              404: ErrorSerializer})  # fmt: skip
    def deliveries(self, request: Request, pk: int) -> Response:
        rows = selectors.deliveries(self.enterprise, self._endpoint(pk).pk)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(DeliverySerializer(page, many=True).data)


class ResendView(ApiView):
    @extend_schema(tags=TAG, summary="重新发送（同一事件编号与内容，作为新的推送记录）",
                   request=None, responses={202: DeliverySerializer, **ERRORS})  # fmt: skip
    def post(self, request: Request, pk: int) -> Response:
        delivery = selectors.delivery(self.enterprise, pk)
        if delivery is None:
            raise Http404
        again = services.delivery_resend(
            enterprise=self.enterprise, actor=request_user(request._request), delivery=delivery
        )
        return Response(DeliverySerializer(again).data, status=status.HTTP_202_ACCEPTED)


def webhook_urls() -> list[URLPattern]:
    view = EndpointViewSet.as_view
    base = "webhooks/endpoints"
    return [
        path(base, view({"get": "list", "post": "create"}), name="webhook-endpoint-list"),
        path(
            f"{base}/<int:pk>",
            view({"get": "retrieve", "put": "update", "patch": "update", "delete": "destroy"}),
            name="webhook-endpoint-detail",
        ),
        path(f"{base}/<int:pk>/rotate-secret", view({"post": "rotate"}),
             name="webhook-endpoint-rotate"),
        path(f"{base}/<int:pk>/ping", view({"post": "ping"}), name="webhook-endpoint-ping"),
        path(f"{base}/<int:pk>/deliveries", view({"get": "deliveries"}),
             name="webhook-endpoint-deliveries"),
        path("webhooks/deliveries/<int:pk>/resend", ResendView.as_view(),
             name="webhook-delivery-resend"),
    ]  # fmt: skip
