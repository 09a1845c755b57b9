"""Reference data for the customs tests: a tiny rate library, USD rates, customs tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from rebate.accounts.tests.factories import make_user
from rebate.codes.choices import CodeTable
from rebate.codes.models import OPEN_END, ExchangeRate, RateEntry, RateLibraryVersion
from rebate.codes.services.reference import load_customs_table

from .factories import FakeSource


def _entry(library: RateLibraryVersion, code: str, **values: Any) -> RateEntry:
    defaults: dict[str, Any] = {
        "valid_from": date(2020, 1, 1),
        "valid_to": OPEN_END,
        "name": "测试商品",
        "unit_code": "001",
        "unit": "台",
        "levy_rate": Decimal("0.13"),
        "rebate_rate": Decimal("0.13"),
    }
    defaults.update(values)
    return RateEntry.objects.create(library=library, code=code, **defaults)


@pytest.fixture
def reference(db: None) -> RateLibraryVersion:
    for table in (CodeTable.CURRENCY, CodeTable.UNIT, CodeTable.TRADE_MODE):
        load_customs_table(table)
    library = RateLibraryVersion.objects.create(version="TEST", active=True)
    _entry(library, "8501109990", name="微电机")
    _entry(library, "6110200090", name="针织衫", unit_code="011", unit="件",
           rebate_rate=Decimal("0.09"))  # fmt: skip
    # An expired code and its successor (商品码失效调整).
    _entry(library, "8471500000", name="处理部件", valid_to=date(2025, 12, 31))
    _entry(library, "8471500001", name="处理部件（新）", valid_from=date(2026, 1, 1))
    for day in (date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 10)):
        ExchangeRate.objects.create(currency="USD", on_date=day, rate=Decimal("7.100000"),
                                    source="manual")  # fmt: skip
    ExchangeRate.objects.create(currency="EUR", on_date=date(2026, 3, 5),
                                rate=Decimal("7.800000"), source="manual")  # fmt: skip
    return library


@pytest.fixture
def user(db: None) -> Any:
    return make_user()


@pytest.fixture
def enterprise(user: Any) -> Any:
    return user.enterprise


@pytest.fixture
def source() -> FakeSource:
    return FakeSource()
