"""The family's form in the tenant-isolation harness (its record pages are found by it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation

from ..models import YearlyLine


def make_line(enterprise: Any, **overrides: Any) -> YearlyLine:
    values: dict[str, Any] = {
        "period": "2026",
        "sequence_no": "0001",
        "contract_no": "HT-2026-01",
        "counterparty": "测试对方单位",
        "amount": Decimal("1000.00"),
    }
    values.update(overrides)
    return YearlyLine.objects.create(enterprise=enterprise, **values)


isolation.register(YearlyLine, make=make_line)
