"""Test rows of 出口发票, 收汇记录 and 匹配; registers each with the tenant-isolation harness."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from rebate.accounts.tests.factories import make_user
from rebate.core.testing import isolation
from rebate.customs.tests.factories import make_declaration
from rebate.matching import services
from rebate.matching.models import ExportInvoice, ForeignReceipt, Match

_seq = itertools.count(1)


def make_invoice(enterprise: Any, **overrides: Any) -> ExportInvoice:
    values: dict[str, Any] = {
        "invoice_no": f"INV{next(_seq):06d}", "issued_on": date(2026, 3, 5),
        "buyer": "ACME Trading Co., Ltd.", "buyer_country": "USA", "currency": "USD",
        "amount": Decimal("2000.00"), "contract_no": "HT-001", **overrides,
    }  # fmt: skip
    return ExportInvoice.objects.create(enterprise=enterprise, **values)


def make_receipt(enterprise: Any, **overrides: Any) -> ForeignReceipt:
    values: dict[str, Any] = {
        "received_on": date(2026, 4, 20), "payer": "ACME TRADING CO LTD", "payer_country": "USA",
        "currency": "USD", "amount": Decimal("2000.00"),
        "bank_reference": f"BK{next(_seq):08d}", **overrides,
    }  # fmt: skip
    return ForeignReceipt.objects.create(enterprise=enterprise, **values)


def make_match(enterprise: Any) -> Match:
    return services.match_confirm(
        enterprise=enterprise, actor=make_user(enterprise), score=90,
        declaration_ids=[make_declaration(enterprise).pk],
        invoice_ids=[make_invoice(enterprise).pk], receipt_ids=[make_receipt(enterprise).pk],
    )  # fmt: skip


isolation.register(ExportInvoice, make=make_invoice)
isolation.register(ForeignReceipt, make=make_receipt)
isolation.register(
    Match,
    make=make_match,
    urls=["matching:match_detail", "matching:match_cancel"],
    list_urls=["matching:session"],
)
