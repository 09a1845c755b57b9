"""Scoped reads of 单证匹配: the open documents, suggestions (rebate.calc.matching) and what a
confirmed match gives the 收汇情况表."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, QuerySet, Sum

from rebate.accounts.models import Enterprise
from rebate.calc.matching import Item, Suggestion, suggest
from rebate.customs.models import Declaration

from .models import ExportInvoice, ForeignReceipt, Match

OPEN_LIMIT = 200  # per list: the oldest open documents first are the urgent ones


def _matched_declaration_ids(enterprise: Enterprise) -> QuerySet[Any]:
    return Match.objects.for_enterprise(enterprise).values_list("declarations", flat=True)


def open_declarations(enterprise: Enterprise) -> list[Declaration]:
    """报关单 not in a confirmed match, with their total (申报总价) and currency annotated."""
    rows = (
        Declaration.objects.for_enterprise(enterprise)
        .exclude(pk__in=_matched_declaration_ids(enterprise))
        .annotate(
            total=Sum("items__decl_total"), currencies=Count("items__trade_curr", distinct=True)
        )
        .order_by("ie_date", "entry_id")[:OPEN_LIMIT]
    )
    found = list(rows)
    currency = dict(
        Declaration.objects.filter(pk__in=[d.pk for d in found])
        .values_list("pk", "items__trade_curr")
        .distinct()
    )
    for row in found:
        row.currency = currency.get(row.pk) or ""
    return found


def open_invoices(enterprise: Enterprise) -> list[ExportInvoice]:
    qs = ExportInvoice.objects.for_enterprise(enterprise).filter(matches__isnull=True)
    return list(qs.order_by("issued_on", "invoice_no")[:OPEN_LIMIT])


def open_receipts(enterprise: Enterprise) -> list[ForeignReceipt]:
    qs = ForeignReceipt.objects.for_enterprise(enterprise).filter(matches__isnull=True)
    return list(qs.order_by("received_on", "bank_reference")[:OPEN_LIMIT])


def _declaration_item(row: Any) -> Item:  # annotated with total, currency, currencies
    # Several currencies on one 报关单 cannot be summed: such a declaration is matched by hand.
    currency = row.currency if row.currencies == 1 else ""
    return Item(
        row.pk, row.total or Decimal(0), currency, row.ie_date, "",
        row.trade_country, row.contr_no,
    )  # fmt: skip


@dataclass(frozen=True)
class Proposal:
    suggestion: Suggestion
    declaration: Declaration
    invoices: list[ExportInvoice]
    receipts: list[ForeignReceipt]


@dataclass(frozen=True)
class Session:
    proposals: list[Proposal]
    declarations: list[Declaration]
    invoices: list[ExportInvoice]
    receipts: list[ForeignReceipt]


def session(enterprise: Enterprise) -> Session:
    declarations = open_declarations(enterprise)
    invoices = open_invoices(enterprise)
    receipts = open_receipts(enterprise)
    by_declaration = {d.pk: d for d in declarations}
    by_invoice = {i.pk: i for i in invoices}
    by_receipt = {r.pk: r for r in receipts}
    found = suggest(
        [_declaration_item(d) for d in declarations],
        [Item(i.pk, i.amount, i.currency, i.issued_on, i.buyer, i.buyer_country, i.contract_no)
         for i in invoices],
        [Item(r.pk, r.amount, r.currency, r.received_on, r.payer, r.payer_country)
         for r in receipts],
    )  # fmt: skip
    proposals = [
        Proposal(
            s,
            by_declaration[s.declaration.pk],
            [by_invoice[i.pk] for i in s.invoices],
            [by_receipt[r.pk] for r in s.receipts],
        )
        for s in found
    ]
    return Session(proposals, declarations, invoices, receipts)


def matches(enterprise: Enterprise) -> QuerySet[Match]:
    return (
        Match.objects.for_enterprise(enterprise)
        .select_related("confirmed_by")
        .prefetch_related("declarations", "invoices", "receipts")
    )


@dataclass(frozen=True)
class ReceiptRow:
    """One row the 出口货物收汇情况表 takes from a confirmed match (TS-10 / QT 收汇情况)."""

    item_key_prefix: str
    invoice_no: str
    currency: str
    transaction_total: Decimal
    received_on: Any
    receipt_amount: Decimal
    payer: str
    payer_country: str
    bank_reference: str
    voucher_no: str

    def _common(self) -> dict[str, str]:
        return {
            "invoice_no": self.invoice_no,
            "currency": self.currency,
            "transaction_total": format(self.transaction_total, "f"),
            "voucher_no": self.voucher_no,
            "received_on": self.received_on.isoformat() if self.received_on else "",
            "receipt_currency": self.currency,
            "receipt_amount": format(self.receipt_amount, "f"),
            "payer": self.payer,
            "payer_country": self.payer_country,
        }

    @property
    def proof_query(self) -> str:
        """收汇证明 (四类, 随免抵退申报): its 出口报关单号 is the 21-digit one, item 01 taken."""
        values = self._common() | {"bank_reference": self.bank_reference}
        return urlencode({"item_key": f"{self.item_key_prefix}001"} | values)

    @property
    def proceeds_query(self) -> str:
        """收汇情况 (其他申报, 一至三类): the 18-digit 出口报关单号."""
        return urlencode({"entry_id": self.item_key_prefix} | self._common())


def receipt_rows(enterprise: Enterprise, match: Match) -> list[ReceiptRow]:
    """Each receipt of the match against the match's invoices: what the clerk types into the
    收汇情况表 (报关单号, 出口发票号, 成交总价, 收汇日期, 收汇金额, 付汇人…)."""
    declarations = list(match.declarations.filter(enterprise=enterprise).order_by("entry_id"))
    invoices = list(match.invoices.filter(enterprise=enterprise).order_by("invoice_no"))
    total = sum((i.amount for i in invoices), Decimal(0))
    numbers = ",".join(i.invoice_no for i in invoices)
    return [
        ReceiptRow(
            d.entry_id,
            numbers,
            r.currency,
            total,
            r.received_on,
            r.amount,
            r.payer,
            r.payer_country,
            r.bank_reference,
            r.voucher_no,
        )
        for d in declarations
        for r in match.receipts.filter(enterprise=enterprise).order_by("received_on")
    ]


def unmatched_counts(enterprise: Enterprise) -> dict[str, int]:
    matched = _matched_declaration_ids(enterprise)
    return {
        "报关单": Declaration.objects.for_enterprise(enterprise).exclude(pk__in=matched).count(),
        "出口发票": ExportInvoice.objects.for_enterprise(enterprise)
        .filter(matches__isnull=True)
        .count(),
        "收汇": ForeignReceipt.objects.for_enterprise(enterprise)
        .filter(matches__isnull=True)
        .count(),
    }
