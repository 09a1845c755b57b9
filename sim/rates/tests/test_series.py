"""The simulated world's central-parity series and customs' monthly rate taken from it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rebate.calc.exchange import convert_quote
from sim.access.credentials import issue
from sim.rates import series


def test_the_series_is_deterministic_and_six_places() -> None:
    day = date(2026, 10, 17)
    first = {c: series.central_parity(c, day) for c in series.CURRENCIES}
    series._walks.clear()
    series._rngs.clear()
    assert {c: series.central_parity(c, day) for c in series.CURRENCIES} == first
    assert all(rate == rate.quantize(Decimal("0.000001")) and rate > 0 for rate in first.values())
    assert first["USD"] == series.quote("USD", day) / 100  # SAFE: per 100 US dollars
    assert first["KRW"] == convert_quote("KRW", series.quote("KRW", day))  # per 100 RMB


def test_every_day_has_its_own_rate() -> None:
    october = [series.central_parity("USD", date(2026, 10, d)) for d in range(1, 32)]
    assert len(set(october)) > 20


@pytest.mark.parametrize(
    ("export_date", "third_wednesday"),
    [(date(2026, 10, 17), date(2026, 9, 16)), (date(2026, 1, 2), date(2025, 12, 17))],
)
def test_customs_rate_is_the_previous_months_third_wednesday(export_date, third_wednesday):
    rates = series.customs_rates(export_date)
    assert rates == {c: series.central_parity(c, third_wednesday) for c in series.CURRENCIES}
    assert rates["USD"] != series.central_parity("USD", export_date)


def test_before_the_series_starts_nothing_is_published() -> None:
    with pytest.raises(series.NotPublished):
        series.quote("USD", date(2022, 12, 31))
    with pytest.raises(series.NotPublished):
        series.quote("XYZ", date(2026, 1, 1))


@pytest.mark.django_db
def test_the_endpoint_authenticates_and_answers_strings(sim_http) -> None:
    url = "/rates/api/v1/central-parity"
    params = {"date_from": "2026-10-01", "date_to": "2026-10-02", "currency": "USD,JPY"}
    assert sim_http.get(url, params=params).status_code == 401
    wrong = sim_http.get(url, params=params, headers={"Authorization": "Bearer ckts:nope"})
    assert wrong.status_code == 401 and "中国外汇交易中心拒绝访问" in wrong.json()["error"]
    auth = {"Authorization": f"Bearer {issue('rates', 'ckts')}"}
    body = sim_http.get(url, params=params, headers=auth).json()
    assert [r["date"] for r in body["records"]] == ["2026-10-01", "2026-10-02"]
    assert body["records"][0]["quotes"] == {
        "USD": str(series.quote("USD", date(2026, 10, 1))),
        "JPY": str(series.quote("JPY", date(2026, 10, 1))),
    }
    long = {"date_from": "2024-01-01", "date_to": "2025-01-01"}
    too_long = sim_http.get(url, params=long, headers=auth)
    assert too_long.status_code == 400 and "366" in too_long.json()["error"]
    unknown = sim_http.get(url, params={**params, "currency": "XYZ"}, headers=auth)
    assert unknown.status_code == 400 and "XYZ" in unknown.json()["error"]
