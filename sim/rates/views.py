"""The rate source's HTTP API, spoken by rebate.integrations.rates (docs/wire/http-api.md).

``GET api/v1/central-parity?date_from=&date_to=[&currency=USD,EUR]`` answers the published
quotes of the range (at most 366 days, as SAFE's query) up to today. Callers authenticate with
the credential the source issued to them (sim.access, party ``rates``) before anything else.
Every error is ``{"error": "<Chinese message>"}`` with a 4xx status.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from sim.access.credentials import client_of
from sim.customs.web import BadRequest, json_error, parse_date

from . import series

MAX_DAYS = 366
SOURCE = "中国外汇交易中心（模拟）"


def _currencies(text: str) -> list[str]:
    wanted = [c.strip().upper() for c in text.split(",") if c.strip()] or list(series.CURRENCIES)
    unknown = [c for c in wanted if c not in series.BASES]
    if unknown:
        raise BadRequest(f"不发布以下币种的中间价：{'、'.join(unknown)}")
    return wanted


def _range(request: HttpRequest) -> tuple[date, date]:
    date_from = parse_date(request.GET.get("date_from"), "date_from")
    date_to = parse_date(request.GET.get("date_to"), "date_to")
    if date_to < date_from:
        raise BadRequest("结束日期不能早于开始日期")
    if (date_to - date_from).days + 1 > MAX_DAYS:
        raise BadRequest(f"一次最多查询{MAX_DAYS}天")
    return date_from, min(date_to, date.today())


@login_not_required
@client_of("rates")
@require_GET
def central_parity(request: HttpRequest, client: str) -> HttpResponse:
    try:
        date_from, date_to = _range(request)
        currencies = _currencies(request.GET.get("currency", ""))
    except BadRequest as error:
        return json_error(error.message, error.status)
    records = [
        {"date": day.isoformat(), "quotes": {c: str(series.quote(c, day)) for c in currencies}}
        for day in series.days(date_from, date_to)
    ]
    return JsonResponse(
        {
            "source": SOURCE,
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
            "convention": "SAFE",
            "records": records,
        }
    )
