"""Rows of the 免抵退 app for tests, and their place in the tenant-isolation harness."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation
from rebate.mdt.models import Summary, SummaryLine


def make_summary(enterprise: Any) -> Summary:
    return Summary.objects.create(
        enterprise=enterprise, family="mdt", period="202501", ending_credit=Decimal("0.00")
    )


def make_summary_line(enterprise: Any) -> SummaryLine:
    return SummaryLine.objects.create(
        enterprise=enterprise,
        summary=make_summary(enterprise),
        row=1,
        current=Decimal("1.00"),
        year_to_date=Decimal("1.00"),
    )


isolation.register(Summary, make=make_summary)
isolation.register(SummaryLine, make=make_summary_line)
