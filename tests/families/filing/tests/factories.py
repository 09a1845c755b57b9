"""Rows of the test filing family for the tenant-isolation harness."""

from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation

from ..models import FilingRecord
from ..records import service


def make_filing(enterprise: Any, **values: Any) -> FilingRecord:
    data = {"contract_no": "HT-2026-001", "amount": Decimal("1234.50"), **values}
    row: FilingRecord = service.create(enterprise=enterprise, actor=None, data=data)
    return row


isolation.register(
    FilingRecord,
    make=make_filing,
    urls=["declarations:print_record?family=testfiling&form=filing"],
)
