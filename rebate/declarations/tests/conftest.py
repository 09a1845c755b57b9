from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from rebate.accounts.tests.cards import bind_local_card
from rebate.accounts.tests.factories import make_user
from rebate.codes.choices import CodeTable
from rebate.codes.models import ExchangeRate
from rebate.codes.services.reference import load_customs_table
from rebate.declarations import ports
from rebate.goods.services import ExportLineInput, export_lines_create

from .fakes import FakeBureau

PERIOD = "202503"
CLEAN_PERIOD = "202610"  # within its 申报期限, with exchange rates (the `rates` fixture)


@pytest.fixture(autouse=True)
def _isolated_files(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def units(db: None) -> None:
    load_customs_table(CodeTable.UNIT)


@pytest.fixture
def clerk(db: None, units: None) -> Any:
    user = make_user(with_card=False)
    bind_local_card(user)  # the card's key stays in the test process, as in the browser
    return user


@pytest.fixture
def bureau(monkeypatch: pytest.MonkeyPatch) -> FakeBureau:
    fake = FakeBureau()
    monkeypatch.setattr(ports, "bureau", lambda: fake)
    from rebate.declarations.services import feedback, lifecycle

    monkeypatch.setattr(lifecycle, "bureau", lambda: fake)
    monkeypatch.setattr(feedback, "bureau", lambda: fake)
    return fake


def line_input(n: int, **overrides: Any) -> ExportLineInput:
    values: dict[str, Any] = {
        "period": PERIOD,
        "item_key": f"5304202500000{n:05d}0001"[:18] + "001",
        "export_date": date(2025, 3, 5),
        "commodity_code": "8501109990",
        "commodity_name": "微电机",
        "unit": "台",
        "quantity": Decimal("100"),
        "fob_usd": Decimal("200000.00"),
        "fob_cny": Decimal("1420000.00"),
        "levy_rate": Decimal("0.13"),
        "rebate_rate": Decimal("0.10"),
        "invoice_no": f"2544000000{n:010d}",
        "trade_mode": "0110",
    }
    values.update(overrides)
    return ExportLineInput(**values)


@pytest.fixture
def lines(clerk: Any) -> Callable[..., list[Any]]:
    """Collected 明细表 lines of the clerk's enterprise (DOMAIN §4's worked example by default)."""

    def make(*inputs: ExportLineInput) -> list[Any]:
        rows = inputs or (
            line_input(1),
            line_input(2, fob_usd=Decimal("80000.00"), fob_cny=Decimal("580000.00")),
        )
        return export_lines_create(enterprise=clerk.enterprise, actor=clerk, lines=list(rows))

    return make


@pytest.fixture
def rates(db: None) -> None:
    load_customs_table(CodeTable.CURRENCY)
    for day, rate in ((5, "7.100000"), (6, "7.250000")):
        ExchangeRate.objects.create(
            currency="USD", on_date=date(2026, 10, day), rate=Decimal(rate), source="manual"
        )


def october(n: int, day: int = 5, **kw: Any) -> ExportLineInput:
    """A line of CLEAN_PERIOD that 数据一致性检查 finds nothing wrong with."""
    return line_input(n, period=CLEAN_PERIOD, export_date=date(2026, 10, day), **kw)
