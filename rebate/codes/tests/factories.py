"""The codes app has no enterprise-owned models: its pk URLs address shared reference data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rebate.codes.models import OPEN_END, RateEntry, RateLibraryVersion
from rebate.core.testing import isolation

for name in ("codes:exchange_rate_edit", "codes:exchange_rate_history", "codes:deadline_rule_edit"):
    isolation.exempt_url(name, "shared reference data (not enterprise-owned), staff-only writes")


def make_library_entry(code: str = "8501109990", **values: Any) -> RateEntry:
    """One code in an active rate library (created when none is): 微电机, 征 0.13, 退 0.09."""
    library = RateLibraryVersion.objects.filter(active=True).first()
    if library is None:
        library = RateLibraryVersion.objects.create(version="TEST", active=True)
    defaults: dict[str, Any] = {
        "valid_from": date(2020, 1, 1), "valid_to": OPEN_END, "name": "微电机",
        "unit_code": "001", "unit": "台", "levy_rate": Decimal("0.13"),
        "rebate_rate": Decimal("0.09"),
    }  # fmt: skip
    return RateEntry.objects.create(library=library, code=code, **{**defaults, **values})
