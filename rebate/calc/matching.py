"""Suggested matches 报关单 ↔ 出口发票 ↔ 收汇 (issue 23): pure scoring, no storage.

One order may be one declaration, three invoices and two receipts, so a suggestion is a
*group*: a declaration, the subset of open invoices whose total equals its amount, and the
subset of open receipts whose total equals the invoices'. The 报关单 names no buyer (only 运抵国
and 合同协议号), so a declaration meets its invoices by currency, amount, date, contract and
country; the invoices meet their receipts by currency, amount, date and buyer = 付汇人.

**[project decision]** Amounts agree within ``AMOUNT_TOLERANCE`` (0.5 %, rounding between a
declared 申报总价 and an invoice) and a receipt total may fall short by up to
``BANK_CHARGE_TOLERANCE`` (1 %: the overseas bank's charges are deducted before the money
arrives). Subsets are searched among at most ``MAX_CANDIDATES`` items per side (2^8 sums), the
nearest in date first: an order with more parts than that is matched by the clerk by hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import combinations

AMOUNT_TOLERANCE = Decimal("0.005")
BANK_CHARGE_TOLERANCE = Decimal("0.01")
INVOICE_WINDOW_DAYS = 60  # invoice issued within this many days of the export date, either way
RECEIPT_WINDOW_DAYS = 400  # proceeds from 30 days before export to this many days after
MAX_CANDIDATES = 8
MIN_SCORE = 60


@dataclass(frozen=True, slots=True)
class Item:
    """One 报关单, 出口发票 or 收汇 as the scorer sees it. ``party``: 付汇人 or 购买方; for a
    报关单 its 运抵国. ``country``: the buyer's / payer's country code."""

    pk: int
    amount: Decimal
    currency: str
    on: date
    party: str = ""
    country: str = ""
    contract: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    declaration: Item
    invoices: tuple[Item, ...]
    receipts: tuple[Item, ...]
    score: int  # 0–100
    reasons: tuple[str, ...]  # why, in the clerk's words


def _norm(text: str) -> str:
    """Company names differ in case, punctuation and legal suffix spacing between documents."""
    return re.sub(r"[\s.,，。()（）\-]", "", text).upper()


def _party_points(a: str, b: str) -> int:
    left, right = _norm(a), _norm(b)
    if not left or not right:
        return 0
    if left == right:
        return 25
    return 15 if left in right or right in left else 0


def _gap(total: Decimal, target: Decimal) -> Decimal:
    return abs(total - target) / target if target else Decimal(1)


def _amount_points(gap: Decimal, tolerance: Decimal) -> int:
    return 50 if gap == 0 else max(0, int(50 - 20 * gap / tolerance))


def _date_points(days: int, full: int, window: int) -> int:
    if days <= full // 2:
        return 25
    if days <= full:
        return 20
    return 15 if days <= window // 2 else 5


def _best_subset(
    target: Decimal,
    items: Sequence[Item],
    short_by: Decimal,
) -> tuple[tuple[Item, ...], Decimal] | None:
    """The subset whose total is nearest ``target`` within tolerance (fewest parts on a tie);
    ``short_by`` additionally allows that fraction below the target (bank charges)."""
    best: tuple[tuple[Item, ...], Decimal] | None = None
    for size in range(1, len(items) + 1):
        for subset in combinations(items, size):
            total = sum((i.amount for i in subset), Decimal(0))
            gap = _gap(total, target)
            within = gap <= AMOUNT_TOLERANCE or (total < target and gap <= short_by)
            if within and (best is None or gap < best[1]):
                best = (subset, gap)
        if best is not None and best[1] == 0:
            break
    return best


def _nearest(anchor: date, items: Sequence[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (abs((i.on - anchor).days), i.pk))[:MAX_CANDIDATES]


def suggest_for(
    declaration: Item, invoices: Sequence[Item], receipts: Sequence[Item]
) -> Suggestion | None:
    """The best group around one 报关单, or None when no invoice set matches it."""
    open_invoices = _nearest(declaration.on, [
        i for i in invoices
        if i.currency == declaration.currency
        and abs((i.on - declaration.on).days) <= INVOICE_WINDOW_DAYS
        and (not declaration.contract or not i.contract or i.contract == declaration.contract)
        and (not declaration.country or not i.country or i.country == declaration.country)
    ])  # fmt: skip
    found = _best_subset(declaration.amount, open_invoices, Decimal(0))
    if found is None:
        return None
    chosen, invoice_gap = found
    reasons = [f"币种 {declaration.currency} 一致"]
    score = _amount_points(invoice_gap, AMOUNT_TOLERANCE)
    reasons.append(f"发票合计与报关单金额相差 {invoice_gap * 100:.2f}%")
    days = max(abs((i.on - declaration.on).days) for i in chosen)
    score += _date_points(days, 15, INVOICE_WINDOW_DAYS)
    reasons.append(f"开票日期与出口日期最多相差 {days} 天")
    contract = declaration.contract and all(i.contract == declaration.contract for i in chosen)
    if contract:
        reasons.append(f"合同号 {declaration.contract} 一致")
    score += 25 if contract else 10
    invoice_total = sum((i.amount for i in chosen), Decimal(0))
    buyers = {_norm(i.party) for i in chosen}
    paid = _nearest(declaration.on, [
        r for r in receipts
        if r.currency == declaration.currency
        and -30 <= (r.on - declaration.on).days <= RECEIPT_WINDOW_DAYS
        and any(_party_points(r.party, i.party) for i in chosen)
    ])  # fmt: skip
    money = _best_subset(invoice_total, paid, BANK_CHARGE_TOLERANCE) if len(buyers) == 1 else None
    paid_by: tuple[Item, ...] = ()
    if money is not None:
        paid_by, receipt_gap = money
        party = min(_party_points(r.party, chosen[0].party) for r in paid_by)
        reasons.append(
            f"收汇合计与发票合计相差 {receipt_gap * 100:.2f}%，付汇人与购买方"
            + ("一致" if party == 25 else "相近")
        )
        score = (score + _amount_points(receipt_gap, BANK_CHARGE_TOLERANCE) + party * 2) // 2
    else:
        reasons.append("未找到金额相符的收汇")
    return Suggestion(
        declaration, _by_date(chosen), _by_date(paid_by), min(score, 100), tuple(reasons)
    )


def _by_date(items: Sequence[Item]) -> tuple[Item, ...]:
    return tuple(sorted(items, key=lambda i: (i.on, i.pk)))


def suggest(
    declarations: Sequence[Item], invoices: Sequence[Item], receipts: Sequence[Item]
) -> list[Suggestion]:
    """Suggestions for every open 报关单, best first; an invoice or receipt goes to one
    suggestion only (the higher-scoring declaration takes it)."""
    candidates = [suggest_for(d, invoices, receipts) for d in declarations]
    ranked = sorted(
        (s for s in candidates if s is not None and s.score >= MIN_SCORE),
        key=lambda s: (-s.score, s.declaration.on, s.declaration.pk),
    )
    taken_invoices: set[int] = set()
    taken_receipts: set[int] = set()
    kept: list[Suggestion] = []
    for item in ranked:
        if {i.pk for i in item.invoices} & taken_invoices:
            continue
        receipts_free = not {r.pk for r in item.receipts} & taken_receipts
        if not receipts_free:
            item = Suggestion(item.declaration, item.invoices, (), item.score, item.reasons)
        taken_invoices |= {i.pk for i in item.invoices}
        taken_receipts |= {r.pk for r in item.receipts}
        kept.append(item)
    return kept
