"""The customs simulator's HTTP API (the e-port), spoken by rebate.integrations.customs.

Downloads answer in the published XML format (docs/wire/customs-1.0.md); the card authority
answers JSON. Every error is ``{"error": "<Chinese message>"}`` with a 4xx status. Every endpoint
serves only an enterprise holding the e-port's credential (sim.access): its own data, never
another's (``trade_code`` naming another enterprise is 403).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from rebate.integrations.wire.customs import writer
from sim.access.credentials import client_of

from . import download
from .models import Enterprise
from .registry import RegistryError, card_owner, find_enterprise, register_card
from .web import BadRequest, json_error, parse_date, parse_int, xml_response

View = Callable[..., HttpResponse]


def api(view: View) -> View:
    """Simulator endpoint: no CSRF, no login; bad input becomes a JSON error."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except (BadRequest, RegistryError) as error:
            return json_error(error.message, error.status)

    return csrf_exempt(login_not_required(wrapped))


def own(client: str, customs_code: str | None) -> Enterprise:
    """The authenticated enterprise; naming another one is refused."""
    if customs_code and customs_code != client:
        raise BadRequest(f"接入凭证属于企业{client}，无权访问企业{customs_code}的数据", 403)
    return find_enterprise(client)


@api
@client_of("customs")
@require_POST
def cards(request: HttpRequest, client: str) -> HttpResponse:
    try:
        body = json.loads(request.body)
        customs_code = str(body["customs_code"])
        card_no = str(body["card_no"])
        public_key_pem = str(body["public_key_pem"])
    except (ValueError, KeyError, TypeError):
        raise BadRequest("请求格式错误：需要 customs_code、card_no 和 public_key_pem") from None
    own(client, customs_code)
    card = register_card(customs_code=customs_code, card_no=card_no, public_key_pem=public_key_pem)
    return JsonResponse(
        {
            "card_no": card.card_no,
            "customs_code": customs_code,
            "registered_at": card.registered_at.isoformat(),
        },
        status=201,
    )


@api
@client_of("customs")
@require_GET
def card(request: HttpRequest, client: str, card_no: str) -> HttpResponse:
    """The card authority's lookup: the product binds a card with the public key given here.

    An enterprise looks up only the cards issued to it (another's: 403)."""
    owner = card_owner(card_no)
    if owner is None:
        raise BadRequest(f"卡号{card_no}未在电子口岸发卡或已注销", 404)
    if owner.customs_code != client:
        raise BadRequest(f"卡号{card_no}不是电子口岸发给企业{client}的IC卡", 403)
    return JsonResponse(
        {
            "card_no": owner.card_no,
            "customs_code": owner.customs_code,
            "public_key_pem": owner.public_key_pem,
        }
    )


@api
@client_of("customs")
@require_GET
def declarations(request: HttpRequest, client: str) -> HttpResponse:
    enterprise = own(client, request.GET.get("trade_code"))
    date_from = parse_date(request.GET.get("date_from"), "date_from")
    date_to = parse_date(request.GET.get("date_to"), "date_to")
    if date_to < date_from:
        raise BadRequest("出口日期止不能早于出口日期起")
    limit = parse_int(request.GET.get("limit"), "limit", 500)
    try:
        page, cursor = download.declaration_page(
            enterprise, date_from, date_to, request.GET.get("cursor", ""), limit
        )
    except ValueError as error:
        raise BadRequest(str(error)) from None
    code = enterprise.customs_code
    return xml_response(lambda out: writer.write_declarations(out, code, page, cursor))


@api
@client_of("customs")
@require_GET
def declaration(request: HttpRequest, client: str, entry_id: str) -> HttpResponse:
    enterprise = own(client, request.GET.get("trade_code"))
    found = download.declaration_by_number(enterprise, entry_id)
    if found is None:
        raise BadRequest(f"未找到报关单{entry_id}（或不属于企业{enterprise.customs_code}）", 404)
    code = enterprise.customs_code
    return xml_response(lambda out: writer.write_declarations(out, code, [found]))


@api
@client_of("customs")
@require_GET
def manuals(request: HttpRequest, client: str) -> HttpResponse:
    enterprise = own(client, request.GET.get("trade_code"))
    rows = list(download.manuals(enterprise, request.GET.get("manual_no", "")))
    code = enterprise.customs_code
    return xml_response(lambda out: writer.write_manuals(out, code, rows))


@api
@client_of("customs")
@require_GET
def amendments(request: HttpRequest, client: str) -> HttpResponse:
    enterprise = own(client, request.GET.get("trade_code"))
    date_from = parse_date(request.GET.get("date_from"), "date_from")
    date_to = parse_date(request.GET.get("date_to"), "date_to")
    rows = download.amendments(enterprise, date_from, date_to)
    code = enterprise.customs_code
    return xml_response(lambda out: writer.write_amendments(out, code, rows))


@api
@client_of("customs")
@require_GET
def returns(request: HttpRequest, client: str) -> HttpResponse:
    enterprise = own(client, request.GET.get("trade_code"))
    date_from = parse_date(request.GET.get("date_from"), "date_from")
    date_to = parse_date(request.GET.get("date_to"), "date_to")
    rows = download.returns(enterprise, date_from, date_to)
    code = enterprise.customs_code
    return xml_response(lambda out: writer.write_returns(out, code, rows))
