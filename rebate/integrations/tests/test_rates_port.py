"""RateSourcePort against the in-process rate source: authenticated, windowed, Decimal quotes."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from rebate.integrations.credentials import store_issued
from rebate.integrations.http import PartyError
from rebate.integrations.rates import (
    HttpRateSourceClient,
    get_rate_source_port,
    parse_records,
    windows,
)

pytestmark = pytest.mark.django_db


def test_a_month_of_quotes_as_decimals(rate_source) -> None:
    quotes = get_rate_source_port().central_parities(
        date_from=date(2026, 10, 1), date_to=date(2026, 10, 31)
    )
    days = {q.on for q in quotes}
    assert len(days) == 31 and min(days) == date(2026, 10, 1)
    currencies = {q.currency for q in quotes}
    assert {"USD", "EUR", "JPY", "HKD", "GBP", "KRW"} <= currencies
    assert len(quotes) == 31 * len(currencies)
    usd = next(q for q in quotes if q.currency == "USD")
    assert isinstance(usd.quote, Decimal) and Decimal(500) < usd.quote < Decimal(900)  # per 100


def test_a_long_range_is_asked_in_windows_of_366_days(rate_source) -> None:
    assert list(windows(date(2024, 1, 1), date(2025, 6, 30))) == [
        (date(2024, 1, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 6, 30)),
    ]
    quotes = get_rate_source_port().central_parities(
        date_from=date(2024, 1, 1), date_to=date(2025, 6, 30)
    )
    assert len({q.on for q in quotes if q.currency == "USD"}) == 366 + 181


def test_the_source_refuses_a_caller_without_its_credential(settings) -> None:
    client = HttpRateSourceClient(settings.RATES_ENDPOINT)
    with pytest.raises(PartyError, match="尚未取得中国外汇交易中心的接入凭证"):
        client.central_parities(date_from=date(2026, 10, 1), date_to=date(2026, 10, 2))
    store_issued(json.dumps({"account": "ckts", "credentials": {"rates": "ckts:not-issued"}}))
    with pytest.raises(PartyError, match="返回错误（401）") as error:
        client.central_parities(date_from=date(2026, 10, 1), date_to=date(2026, 10, 2))
    assert error.value.status == 401


def test_numbers_that_went_through_a_float_are_refused() -> None:
    with pytest.raises(PartyError, match="数据格式错误"):
        parse_records({"records": [{"date": "2026-10-01", "quotes": {"USD": 728.12}}]})
    with pytest.raises(PartyError, match="数据格式错误"):
        parse_records({"records": [{"date": "2026-13-01", "quotes": {"USD": "728.12"}}]})
