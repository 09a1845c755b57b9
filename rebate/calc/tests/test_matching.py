"""Suggested 报关单 ↔ 出口发票 ↔ 收汇 groups on planted data, near-misses included."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from rebate.calc.matching import Item, suggest, suggest_for

EXPORT = date(2026, 3, 5)
BUYER = "ACME Trading Co., Ltd."


def decl(pk: int, amount: str, currency: str = "USD", on: date = EXPORT, **kw: str) -> Item:
    return Item(
        pk, D(amount), currency, on, "", kw.get("country", "USA"), kw.get("contract", "HT-1")
    )


def inv(pk: int, amount: str, currency: str = "USD", day: int = 5, buyer: str = BUYER,
        contract: str = "HT-1") -> Item:  # fmt: skip
    return Item(pk, D(amount), currency, date(2026, 3, day), buyer, "USA", contract)


def rec(pk: int, amount: str, currency: str = "USD", on: date = date(2026, 4, 20),
        payer: str = "ACME TRADING CO LTD") -> Item:  # fmt: skip
    return Item(pk, D(amount), currency, on, payer, "USA")


def test_one_declaration_three_invoices_two_receipts() -> None:
    found = suggest_for(
        decl(1, "30000.00"),
        [inv(11, "10000.00"), inv(12, "12000.00", day=6), inv(13, "8000.00", day=7),
         inv(14, "5000.00", day=8)],
        [rec(21, "18000.00"), rec(22, "11950.00", on=date(2026, 5, 10)), rec(23, "4000.00")],
    )  # fmt: skip
    assert found is not None
    assert [i.pk for i in found.invoices] == [11, 12, 13]  # 10000 + 12000 + 8000 = 30000
    assert [r.pk for r in found.receipts] == [21, 22]  # 29950: 50.00 of bank charges (0.17 %)
    assert found.score >= 90
    assert "收汇合计与发票合计相差 0.17%，付汇人与购买方一致" in found.reasons


def test_near_misses_are_not_suggested() -> None:
    receipts = [rec(21, "30000.00")]
    # another currency, 1 % off the declared amount, issued 90 days away, another contract
    assert suggest_for(decl(1, "30000.00"), [inv(11, "30000.00", currency="EUR")], receipts) is None
    assert suggest_for(decl(1, "30000.00"), [inv(11, "29700.00")], receipts) is None
    far = Item(11, D("30000.00"), "USD", date(2026, 6, 3), BUYER, "USA", "HT-1")
    assert suggest_for(decl(1, "30000.00"), [far], receipts) is None
    assert (
        suggest_for(decl(1, "30000.00"), [inv(11, "30000.00", contract="HT-9")], receipts) is None
    )


def test_receipt_of_another_payer_or_short_by_more_than_charges_is_left_out() -> None:
    other = suggest_for(
        decl(1, "30000.00"), [inv(11, "30000.00")], [rec(21, "30000.00", payer="Globex GmbH")]
    )
    short = suggest_for(decl(1, "30000.00"), [inv(11, "30000.00")], [rec(21, "29600.00")])
    for found in (other, short):
        assert found is not None and found.receipts == ()
        assert "未找到金额相符的收汇" in found.reasons
        assert found.score == 100  # the invoice side alone: amount 50 + date 25 + contract 25


def test_rounding_within_half_a_percent_scores_less_than_exact() -> None:
    exact = suggest_for(decl(1, "30000.00"), [inv(11, "30000.00")], [])
    close = suggest_for(decl(1, "30000.00"), [inv(11, "29910.00")], [])  # 0.30 %
    assert exact is not None and close is not None
    assert close.score == exact.score - 12  # 50 − 20 × 0.3 / 0.5 = 38 amount points


def test_each_invoice_goes_to_one_declaration_only() -> None:
    found = suggest(
        [decl(1, "10000.00"), decl(2, "10000.00", on=date(2026, 3, 20))],
        [inv(11, "10000.00", day=20)],
        [],
    )
    assert len(found) == 1
    assert found[0].declaration.pk == 2  # issued the day declaration 2 left, 15 days after 1
