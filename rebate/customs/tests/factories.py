"""Test rows of the customs models, a fake customs port, and the isolation registrations."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from rebate.accounts.models import Enterprise
from rebate.core.testing import isolation
from rebate.customs.models import ApprovedItem, Declaration, DeclarationItem, DeclarationRevision
from rebate.customs.services import declarations_store
from rebate.integrations.wire.customs import Amendment, ExportDeclaration
from rebate.integrations.wire.customs import DeclarationItem as WireItem

_seq = itertools.count(1)


def wire_item(g_no: int = 1, **overrides: Any) -> WireItem:
    values: dict[str, Any] = {
        "g_no": g_no,
        "code_ts": "8501109990",
        "g_name": "微电机",
        "g_qty": Decimal("100"),
        "g_unit": "001",
        "first_qty": Decimal("100"),
        "first_unit": "001",
        "decl_price": Decimal("10"),
        "decl_total": Decimal("1000.00"),
        "trade_curr": "USD",
        "destination_country": "USA",
        "fob_usd": Decimal("1000.00"),
        "fob_cny": Decimal("7100.00"),
    }
    values.update(overrides)
    return WireItem(**values)


def entry_id(n: int | None = None) -> str:
    return f"530420260{next(_seq) if n is None else n:09d}"


def wire_declaration(trade_code: str, **overrides: Any) -> ExportDeclaration:
    values: dict[str, Any] = {
        "entry_id": entry_id(),
        "ie_flag": "E",
        "ie_date": date(2026, 3, 5),
        "trade_code": trade_code,
        "trade_mode": "0110",
        "trans_mode": "3",
        "items": (wire_item(1), wire_item(2, code_ts="6110200090", g_name="针织衫",
                                            first_unit="011", g_unit="011")),
        "contr_no": "HT-001",
        "d_date": date(2026, 3, 3),
    }  # fmt: skip
    values.update(overrides)
    return ExportDeclaration(**values)


class FakeSource:
    """The CustomsSource protocol over an in-memory list (pages of ``page_size``)."""

    def __init__(self, declarations: list[ExportDeclaration] | None = None, page_size: int = 2):
        self.declarations = list(declarations or [])
        self.page_size = page_size
        self.amendment_rows: list[Amendment] = []
        self.fail_on_page: int | None = None
        self.error: Exception | None = None

    def replace(self, entry: str, **changes: Any) -> None:
        self.declarations = [
            replace(d, **changes) if d.entry_id == entry else d for d in self.declarations
        ]

    def declarations_in_range(
        self, *, trade_code: str, date_from: date, date_to: date
    ) -> Iterator[tuple[ExportDeclaration, ...]]:
        found = [
            d
            for d in self.declarations
            if d.trade_code == trade_code and date_from <= d.ie_date <= date_to
        ]
        for page, start in enumerate(range(0, max(len(found), 1), self.page_size)):
            if self.fail_on_page == page and self.error is not None:
                raise self.error
            yield tuple(found[start : start + self.page_size])

    def declaration_by_number(self, *, trade_code: str, entry_id: str) -> ExportDeclaration | None:
        return next(
            (d for d in self.declarations if d.entry_id == entry_id and d.trade_code == trade_code),
            None,
        )

    def amendments(self, *, trade_code: str, date_from: date, date_to: date) -> list[Amendment]:
        return [a for a in self.amendment_rows if date_from <= a.amend_date <= date_to]


def make_declaration(enterprise: Enterprise, **overrides: Any) -> Declaration:
    incoming = wire_declaration(enterprise.customs_code, **overrides)
    declarations_store(enterprise=enterprise, actor=None, declarations=[incoming])
    return Declaration.objects.get(enterprise=enterprise, entry_id=incoming.entry_id)


def make_item(enterprise: Enterprise) -> DeclarationItem:
    return make_declaration(enterprise).items.first()  # type: ignore[return-value]


def make_revision(enterprise: Enterprise) -> DeclarationRevision:
    declaration = make_declaration(enterprise)
    return DeclarationRevision.objects.create(
        enterprise=enterprise,
        declaration=declaration,
        number=1,
        kind="applied",
        changes=[],
        received_hash="x",
    )


def make_approved_item(enterprise: Enterprise) -> ApprovedItem:
    return ApprovedItem.objects.create(
        enterprise=enterprise, item_key=f"{entry_id()}001", period="202502"
    )


isolation.register(
    Declaration,
    make=make_declaration,
    urls=["customs:items"],
    list_urls=["customs:declarations"],
)
isolation.register(DeclarationItem, make=make_item, urls=["customs:item_detail"])
isolation.register(DeclarationRevision, make=make_revision)
isolation.register(ApprovedItem, make=make_approved_item)
