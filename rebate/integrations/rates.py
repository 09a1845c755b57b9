"""RateSourcePort: the 人民币汇率中间价 published by the rate source (CFETS / SAFE, DOMAIN §1.3).

The source answers ``GET RATES_ENDPOINT/api/v1/central-parity`` (docs/wire/http-api.md) with the
official quotes of a date range in SAFE's convention (RMB per 100 foreign units, or foreign units
per 100 RMB); it authenticates the caller by the credential it issued to this installation
(rebate.integrations.credentials, party ``rates``). A query covers at most 366 days, so a longer
range is asked window by window. Quotes arrive as decimal strings and stay Decimal; turning them
into RMB per 1 unit is rebate.calc's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.conf import settings

from .credentials import authorization
from .http import PartyError, make_client, raise_for_party
from .models import Party

PARTY = "中国外汇交易中心"
PATH = "/api/v1/central-parity"  # under RATES_ENDPOINT
WINDOW_DAYS = 366


@dataclass(frozen=True, slots=True)
class ParityQuote:
    on: date
    currency: str  # ISO alpha-3
    quote: Decimal  # as published (SAFE convention)


class RateSourcePort(Protocol):
    def central_parities(self, *, date_from: date, date_to: date) -> list[ParityQuote]:
        """Every published quote with a date in the range (none for days not yet published)."""
        ...


def windows(date_from: date, date_to: date) -> Iterator[tuple[date, date]]:
    start = date_from
    while start <= date_to:
        end = min(date_to, start + timedelta(days=WINDOW_DAYS - 1))
        yield start, end
        start = end + timedelta(days=1)


def _record_quotes(record: Any) -> list[ParityQuote]:
    on = date.fromisoformat(record["date"])
    quotes = record["quotes"]
    if not isinstance(quotes, dict):
        raise TypeError("quotes")
    parsed = []
    for currency, text in quotes.items():
        if not isinstance(text, str):  # a JSON number would have gone through a float
            raise TypeError(currency)
        parsed.append(ParityQuote(on, str(currency), Decimal(text)))
    return parsed


def parse_records(body: Any) -> list[ParityQuote]:
    try:
        return [quote for record in body["records"] for quote in _record_quotes(record)]
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise PartyError(f"{PARTY}返回的数据格式错误：{error}") from None


class HttpRateSourceClient:
    def __init__(self, endpoint: str, *, timeout: float = 30.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout

    def central_parities(self, *, date_from: date, date_to: date) -> list[ParityQuote]:
        found: list[ParityQuote] = []
        headers = authorization(Party.RATES)  # the installation's own account at the source
        with make_client(self.endpoint, timeout=self.timeout) as client:
            for start, end in windows(date_from, date_to):
                params = {"date_from": start.isoformat(), "date_to": end.isoformat()}
                response = client.get(PATH, params=params, headers=headers)
                raise_for_party(response, PARTY)
                try:
                    body = response.json()
                except ValueError:
                    raise PartyError(f"{PARTY}返回的数据不是JSON") from None
                found.extend(parse_records(body))
        return found


def get_rate_source_port() -> RateSourcePort:
    return HttpRateSourceClient(settings.RATES_ENDPOINT)
