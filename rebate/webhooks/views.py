"""消息推送 pages: endpoints (新建, 修改/停用, 删除, 重新生成密钥, 发送测试消息) and their
推送记录 (重新发送)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from rebate.accounts.access import request_user
from rebate.accounts.models import Enterprise
from rebate.core.access import data_enterprise, require_writer
from rebate.core.records import apply_validation_error

from . import selectors, services
from .choices import Event
from .forms import EndpointCreateForm, EndpointEditForm
from .models import WebhookDelivery, WebhookEndpoint

PAGE_SIZE = 50


def _endpoint(enterprise: Enterprise, pk: int) -> WebhookEndpoint:
    found = selectors.endpoint(enterprise, pk)
    if found is None:
        raise Http404
    return found


def _delivery(enterprise: Enterprise, pk: int) -> WebhookDelivery:
    found = selectors.delivery(enterprise, pk)
    if found is None:
        raise Http404
    return found


def _list_page(
    request: HttpRequest, form: EndpointCreateForm, secret: str = "", status: int = 200
) -> HttpResponse:
    enterprise = data_enterprise(request)
    context = {
        "title": "消息推送地址",
        "form": form,
        "endpoints": selectors.endpoints(enterprise),
        "labels": dict(Event.choices),
        "secret": secret,
    }
    return render(request, "webhooks/endpoints.html", context, status=status)


def endpoint_list(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    if request.method != "POST":
        return _list_page(request, EndpointCreateForm())
    require_writer(request)
    form = EndpointCreateForm(request.POST)
    if form.is_valid():
        try:
            _, secret = services.endpoint_create(
                enterprise=enterprise, actor=request_user(request), **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:  # shown on this answer only: the page after a redirect could not show it
            return _list_page(request, EndpointCreateForm(), secret=secret, status=201)
    return _list_page(request, form, status=400)


def endpoint_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = data_enterprise(request)
    endpoint = _endpoint(enterprise, pk)
    initial = {"name": endpoint.name, "events": endpoint.events, "active": endpoint.active}
    form = EndpointEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require_writer(request)
        if form.is_valid():
            try:
                services.endpoint_update(
                    enterprise=enterprise,
                    actor=request_user(request),
                    endpoint=endpoint,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, "保存成功")
                return redirect("webhooks:endpoint_edit", pk=endpoint.pk)
    context = {"title": "修改消息推送地址", "form": form, "endpoint": endpoint}
    status = 400 if form.errors else 200
    return render(request, "webhooks/endpoint_edit.html", context, status=status)


def endpoint_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    """重新生成密钥: the new secret is shown on this answer only."""
    endpoint = _endpoint(data_enterprise(request), pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    enterprise = require_writer(request)
    secret = services.endpoint_rotate_secret(
        enterprise=enterprise, actor=request_user(request), endpoint=endpoint
    )
    form = EndpointEditForm(
        initial={"name": endpoint.name, "events": endpoint.events, "active": endpoint.active}
    )
    context = {"title": "修改消息推送地址", "form": form, "endpoint": endpoint, "secret": secret}
    return render(request, "webhooks/endpoint_edit.html", context)


def endpoint_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """删除: the endpoint and its 推送记录."""
    endpoint = _endpoint(data_enterprise(request), pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    enterprise = require_writer(request)
    services.endpoint_delete(enterprise=enterprise, actor=request_user(request), endpoint=endpoint)
    messages.success(request, "已删除")
    return redirect("webhooks:endpoints")


def _act(request: HttpRequest, action: Callable[[], object], done: str) -> bool:
    """A button's service call: its refusal or its success as the page's message."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return False
    messages.success(request, done)
    return True


def _deliveries_of(endpoint_id: int) -> HttpResponse:
    return redirect(reverse("webhooks:deliveries") + f"?endpoint={endpoint_id}")


def endpoint_ping(request: HttpRequest, pk: int) -> HttpResponse:
    """发送测试消息."""
    endpoint = _endpoint(data_enterprise(request), pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    enterprise, actor = require_writer(request), request_user(request)
    if _act(
        request,
        lambda: services.endpoint_ping(enterprise=enterprise, actor=actor, endpoint=endpoint),
        "测试消息已提交后台发送，请在推送记录中查看结果",
    ):
        return _deliveries_of(endpoint.pk)
    return redirect("webhooks:endpoint_edit", pk=endpoint.pk)


def delivery_list(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    chosen = request.GET.get("endpoint", "")
    endpoint = _endpoint(enterprise, int(chosen)) if chosen.isdigit() else None
    rows = selectors.deliveries(enterprise, endpoint.pk if endpoint else None)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": "消息推送记录",
        "page": page,
        "endpoint": endpoint,
        "endpoints": selectors.endpoints(enterprise),
    }
    return render(request, "webhooks/deliveries.html", context)


def delivery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = _delivery(data_enterprise(request), pk)
    return render(
        request, "webhooks/delivery_detail.html", {"title": "消息推送详情", "d": delivery}
    )


def delivery_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """重新发送."""
    delivery = _delivery(data_enterprise(request), pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    enterprise, actor = require_writer(request), request_user(request)
    _act(
        request,
        lambda: services.delivery_resend(enterprise=enterprise, actor=actor, delivery=delivery),
        "已重新提交后台发送",
    )
    return _deliveries_of(delivery.endpoint_id)
