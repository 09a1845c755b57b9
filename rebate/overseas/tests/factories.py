"""The isolation harness's entries of 海外仓出口货物核对 (and a pre-refunded line for tests)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation
from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line

from ..models import Outcome, OverseasReconciliation


def make_prerefunded(enterprise: Any, **overrides: Any) -> ExportLine:
    """A declared 明细 line with 业务类型 HWC-YT (pre-refunded at export)."""
    values = {"export_date": datetime.date(2026, 2, 1), "business_types": "HWC-YT", **overrides}
    return make_export_line(enterprise, status="declared", **values)


def make_reconciliation(enterprise: Any, **overrides: Any) -> OverseasReconciliation:
    values: dict[str, Any] = {
        "line": make_prerefunded(enterprise),
        "outcome": Outcome.SOLD,
        "sold_on": datetime.date(2026, 5, 6),
        "sale_amount": Decimal("7300.00"),
    }
    return OverseasReconciliation.objects.create(enterprise=enterprise, **{**values, **overrides})


isolation.register(OverseasReconciliation, make=make_reconciliation, list_urls=["overseas:lines"])
# 海外仓's pages show lines: the harness's line of A is made pre-refunded (declared, HWC-YT), so
# that B's 404 on its page, and its absence from B's list, prove something (goods' URLs still
# refuse it to B as they do any line).
_line = isolation.DECLARED[ExportLine]
_line.make = make_prerefunded
_line.urls.append("overseas:line")
_line.list_urls.append("overseas:lines")
