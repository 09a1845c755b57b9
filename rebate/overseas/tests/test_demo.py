"""The demo's 海外仓 history: the bureau's listed HWC-YT lines become declared 明细 with customs'
goods, the first of each period reconciled through the one write path (told to the bureau),
so the page opens with rows reconciled, open and overdue, and the two lists agree; once only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from rebate.customs.tests.conftest import reference  # noqa: F401 — the rate library
from rebate.integrations.taxbureau import PrerefundedLine
from rebate.integrations.wire.customs.model import DeclarationItem, ExportDeclaration
from rebate.overseas import selectors
from rebate.overseas.demo import seed_overseas

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)
ENTRIES = {"202512": "530420250000009001", "202606": "530420260000009002"}


@dataclass
class FakeCustoms:
    asked: list[str] = field(default_factory=list)

    def get_declaration(self, *, customs_code: str, entry_id: str) -> ExportDeclaration:
        self.asked.append(entry_id)
        item = DeclarationItem(1, "8501109990", "微电机", Decimal("10"), "台", Decimal("10"),
                               "台", Decimal("100"), Decimal("1000.00"), "USD",
                               fob_usd=Decimal("1000.00"))  # fmt: skip
        second = DeclarationItem(2, "8501109990", "微电机", Decimal("5"), "台", Decimal("5"),
                                 "台", Decimal("100"), Decimal("500.00"), "USD",
                                 fob_usd=Decimal("500.00"))  # fmt: skip
        day = date(2025, 12, 8) if entry_id.startswith("5304202500") else date(2026, 6, 9)
        return ExportDeclaration(entry_id, "E", day, customs_code, "9810", "3", (item, second))


def _listed() -> list[PrerefundedLine]:
    rows = []
    for period, entry in ENTRIES.items():
        day = date(2025, 12, 8) if period == "202512" else date(2026, 6, 9)
        for g_no, fob in ((1, Decimal("7100.00")), (2, Decimal("3550.00"))):
            rows.append(PrerefundedLine(period, f"{g_no:04d}", f"{entry}0{g_no:02d}", day, fob,
                                        Decimal("923.00"), f"R{period}"))  # fmt: skip
    return rows


def test_the_bureaus_lines_declared_two_reconciled_one_overdue(reference, clerk, bureau):  # noqa: F811
    bureau.overseas = _listed()
    lines = seed_overseas(clerk.enterprise, clerk, TODAY, customs=FakeCustoms())
    assert len(lines) == 4
    found = selectors.overview(clerk.enterprise, TODAY)
    table = [(r.line.item_key[-3:], r.line.period, r.status, r.overdue, r.mismatch)
             for r in found.rows]  # fmt: skip
    assert table == [
        ("001", "202512", "已核对", False, ""),
        ("002", "202512", "未核对", True, ""),  # due 2026-04-15, passed
        ("001", "202606", "已核对", False, ""),
        ("002", "202606", "未核对", False, ""),  # due 2027-04-15
    ]
    sold, repay = (r.reconciliation for r in found.rows if r.reconciliation)
    assert (sold.outcome, sold.sold_on, sold.sale_amount) == (
        "sold", date(2026, 1, 22), Decimal("8165.00"),
    )  # fmt: skip
    assert (repay.settlement, repay.settle_amount) == ("repay", repay.line.exempt_credit_refund)
    assert set(bureau.reports) == {sold.line.item_key, repay.line.item_key}
    assert found.bureau_only == [] and found.bureau_count == 2
    line = found.rows[0].line
    assert (line.trade_mode, line.business_types, line.fob_cny) == (
        "9810", "HWC-YT", Decimal("7100.00"),
    )  # fmt: skip
    assert seed_overseas(clerk.enterprise, clerk, TODAY, customs=FakeCustoms()) == []  # once
