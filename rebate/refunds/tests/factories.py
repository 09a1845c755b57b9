"""The isolation harness's entries of 退税到账跟踪."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.tests import factories as batch_factories

from ..models import ReceivedRefund, ReceivedSource


def make_received(enterprise: Any, **overrides: Any) -> ReceivedRefund:
    values: dict[str, Any] = {
        "batch": batch_factories.make_batch(enterprise),
        "received_on": datetime.date(2026, 3, 20),
        "amount": Decimal("1000.00"),
        "summary": "出口退税",
        "source": ReceivedSource.ENTERED,
    }
    return ReceivedRefund.objects.create(enterprise=enterprise, **{**values, **overrides})


# A received row is shown only on its batch's page (the batch's pk): proved with the batch.
isolation.register(ReceivedRefund, make=make_received, list_urls=["refunds:tracking"])
isolation.DECLARED[DeclarationBatch].urls.append("refunds:batch")
isolation.DECLARED[DeclarationBatch].list_urls.append("refunds:tracking")
