"""美元离岸价 / 人民币离岸价 of a customs declaration's items (DOMAIN §12.5, calc-cli ``fob``).

Customs normally supplies per-item FOB values (DOMAIN §12.3); the client derives them only
when they are absent. Derivation [inferred: DOMAIN §12.5]:

* 成交方式 1 CIF deducts 运费 and 保费; 2 C&F deducts 运费; 4 C&I deducts 保费; 3 FOB deducts
  nothing. 5 市场价, 6 垫仓 and 7 EXW deduct nothing either: there is no freight or insurance
  in those prices to take out, and an EXW price is not raised to FOB because the inland
  costs are unknown. **[project decision]**
* Marks: 1 率 = ``value`` percent of the declaration's 成交总价 (5 % written "5"), already in
  the price currency; 2 单价 = ``value`` per tonne × gross weight (``gross_weight_kg`` / 1000),
  in the fee's currency (运费 only); 3 总价 = ``value`` in the fee's currency.
* 杂费 (``other``): a price adjustment that customs applies whatever the 成交方式, so it is
  taken into account under every term: a positive 杂费 is *added* to the price, a negative
  one deducted (DOMAIN §12.5: "positive values are added, negative values deducted").
  Marks 1 and 3 only. **[project decision]**
* Every fee is converted into the price currency through CNY (value × its rate ÷ price
  currency rate) without intermediate rounding; the net deduction is rounded once, then
  apportioned to items by their totals: each share rounded, the last item takes the
  remainder, so the shares sum exactly to the deduction.
* ``fob_cny = round(fob × rate)``; ``fob_usd = round(fob × rate ÷ USD rate)`` from the
  unrounded RMB value (DOMAIN §1.4), so ``fob_usd == fob`` for a USD declaration.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import Enum

from rebate.calc.money import CONTEXT, HUNDRED, ZERO, round_amount

CNY = "CNY"
USD = "USD"
KG_PER_TONNE = Decimal(1000)


class FobError(ValueError):
    """The declaration cannot be converted; ``field`` names the offending input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class TransactionTerm(Enum):
    """成交方式 [verified: CUSTOMS-PARAMS]."""

    CIF = "1"
    CFR = "2"  # C&F
    FOB = "3"
    CI = "4"  # C&I
    MARKET_PRICE = "5"  # 市场价
    ON_CONSIGNMENT = "6"  # 垫仓
    EXW = "7"

    @property
    def deducts_freight(self) -> bool:
        return self in (TransactionTerm.CIF, TransactionTerm.CFR)

    @property
    def deducts_insurance(self) -> bool:
        return self in (TransactionTerm.CIF, TransactionTerm.CI)


class FeeMark(Enum):
    """运费/保费/杂费 标记."""

    RATE = "1"  # percent of 成交总价
    PER_TONNE = "2"  # unit price per tonne of gross weight (运费 only)
    TOTAL = "3"  # total amount in the fee's currency


@dataclass(frozen=True, slots=True)
class Fee:
    mark: FeeMark
    value: Decimal
    currency: str = CNY  # ignored for the rate mark


@dataclass(frozen=True, slots=True)
class DeclarationItem:
    id: str
    total: Decimal  # 成交总价 of the item, in the declaration's price currency


@dataclass(frozen=True, slots=True)
class Declaration:
    transaction_term: TransactionTerm
    currency: str
    items: Sequence[DeclarationItem]
    rates: Mapping[str, Decimal]  # CNY per 1 unit; CNY itself is 1
    freight: Fee | None = None
    insurance: Fee | None = None
    other: Fee | None = None  # 杂费
    gross_weight_kg: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ItemFob:
    id: str
    fob: Decimal  # in the price currency
    fob_cny: Decimal
    fob_usd: Decimal


@dataclass(frozen=True, slots=True)
class FobResult:
    fob: Decimal  # declaration total in the price currency
    deduction: Decimal  # net amount taken off the 成交总价 (negative when 杂费 adds)
    items: tuple[ItemFob, ...]


def line_fob(fob: Decimal, transaction_rate: Decimal, usd_rate: Decimal) -> tuple[Decimal, Decimal]:
    """(人民币离岸价, 美元离岸价) of a line from its 原币FOB (DOMAIN §1.4 steps 2–3):
    ``round(fob × rate)`` and ``round(fob × rate ÷ USD rate)`` from the unrounded RMB value,
    so a USD line's 美元离岸价 is its 原币FOB."""
    with localcontext(CONTEXT):
        cny_unrounded = fob * transaction_rate
        return round_amount(cny_unrounded), round_amount(cny_unrounded / usd_rate)


def rate_of(rates: Mapping[str, Decimal], currency: str) -> Decimal:
    """CNY per 1 unit of ``currency``; CNY is 1. A missing rate names the currency."""
    if currency == CNY:
        return Decimal(1)
    rate = rates.get(currency)
    if rate is None:
        raise FobError(f"rates.{currency}", f"no exchange rate for currency {currency}")
    return rate


def _fee_in_price_currency(
    declaration: Declaration, fee: Fee, field: str, declaration_total: Decimal
) -> Decimal:
    if fee.mark is FeeMark.RATE:
        return declaration_total * fee.value / HUNDRED
    if fee.mark is FeeMark.PER_TONNE:
        if field != "freight":
            raise FobError(f"{field}.mark", "mark 2 (per-tonne unit price) applies only to freight")
        if declaration.gross_weight_kg is None:
            raise FobError("gross_weight_kg", "required for a per-tonne freight (mark 2)")
        amount = fee.value * declaration.gross_weight_kg / KG_PER_TONNE
    else:
        amount = fee.value
    fee_rate = rate_of(declaration.rates, fee.currency)
    price_rate = rate_of(declaration.rates, declaration.currency)
    return amount * fee_rate / price_rate


def net_deduction(declaration: Declaration, declaration_total: Decimal) -> Decimal:
    """运费/保费 deducted minus 杂费 added, in the price currency, rounded once."""
    term = declaration.transaction_term
    unrounded = Decimal(0)
    with localcontext(CONTEXT):
        if term.deducts_freight and declaration.freight is not None:
            unrounded += _fee_in_price_currency(
                declaration, declaration.freight, "freight", declaration_total
            )
        if term.deducts_insurance and declaration.insurance is not None:
            unrounded += _fee_in_price_currency(
                declaration, declaration.insurance, "insurance", declaration_total
            )
        if declaration.other is not None:
            unrounded -= _fee_in_price_currency(
                declaration, declaration.other, "other", declaration_total
            )
    return round_amount(unrounded)


def apportion(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split ``amount`` by ``weights``: each share rounded, the last takes the remainder."""
    if not weights:
        return []
    weight_total = sum(weights, ZERO)
    if weight_total <= 0:
        raise FobError("items", "the item totals must add up to more than zero")
    shares: list[Decimal] = []
    with localcontext(CONTEXT):
        for weight in weights[:-1]:
            shares.append(round_amount(amount * weight / weight_total))
        shares.append(amount - sum(shares, ZERO))
    return shares


def derive_fob(declaration: Declaration) -> FobResult:
    """Per-item FOB in the price currency, RMB and USD."""
    if not declaration.items:
        raise FobError("items", "a declaration needs at least one item")
    totals = [item.total for item in declaration.items]
    declaration_total = sum(totals, ZERO)
    deduction = net_deduction(declaration, declaration_total)
    if deduction > declaration_total:
        raise FobError("items", "freight and insurance exceed the 成交总价 of the declaration")
    price_rate = rate_of(declaration.rates, declaration.currency)
    usd_rate = rate_of(declaration.rates, USD)
    items = []
    for item, share in zip(declaration.items, apportion(deduction, totals), strict=True):
        fob = item.total - share
        items.append(ItemFob(item.id, fob, *line_fob(fob, price_rate, usd_rate)))
    return FobResult(declaration_total - deduction, deduction, tuple(items))
