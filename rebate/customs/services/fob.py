"""美元离岸价 / 人民币离岸价 of a declaration's items.

Customs computes each item's FOB and passes it to the tax side, which checks the declared
figures against it (DOMAIN §12.3, §12.5): the product takes those values when the download
carries them and derives FOB with rebate.calc.fob only when they are absent. The rates are the
central parities under the enterprise's 汇率折算方式 (当天 / 当月1日) for the price currency, USD
and any fee currency; a missing rate is a FobError naming the currency (DC-04 checks it either
way, since the 明细 line records 成交币汇率 and 美元汇率).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rebate.calc.fob import USD, Fee, FeeMark, FobError, ItemFob, TransactionTerm, derive_fob
from rebate.calc.fob import Declaration as FobDeclaration
from rebate.calc.fob import DeclarationItem as FobItem
from rebate.calc.money import round_rate

from ..models import Declaration, DeclarationItem
from ..sources import Reference


@dataclass(frozen=True, slots=True)
class ItemAmounts:
    fob_usd: Decimal
    fob_cny: Decimal
    transaction_rate: Decimal  # 成交币汇率
    usd_rate: Decimal  # 美元汇率


def _fee(mark: str, value: Decimal | None, currency: str) -> Fee | None:
    if not mark or value is None:
        return None
    return Fee(FeeMark(mark), value, currency or "CNY")


def _fees(declaration: Declaration) -> tuple[Fee | None, Fee | None, Fee | None]:
    try:
        return (
            _fee(declaration.fee_mark, declaration.fee_rate, declaration.fee_curr),
            _fee(declaration.insur_mark, declaration.insur_rate, declaration.insur_curr),
            _fee(declaration.other_mark, declaration.other_rate, declaration.other_curr),
        )
    except ValueError as exc:
        raise FobError("fee.mark", f"运保杂标记不正确（{exc}）") from exc


def _rates(declaration: Declaration, currencies: set[str], ref: Reference) -> dict[str, Decimal]:
    rates: dict[str, Decimal] = {}
    for currency in sorted(currencies - {"CNY"}):
        on, rate = ref.export_rate(currency, declaration.ie_date)
        if rate is None:
            raise FobError(f"rates.{currency}", f"缺少{currency}在{on.isoformat()}的汇率")
        rates[currency] = rate
    return rates


def item_fob(
    declaration: Declaration, items: Sequence[DeclarationItem], ref: Reference
) -> dict[int, ItemAmounts]:
    """Per item pk: FOB in USD and RMB, with the rates used."""
    currencies = {item.trade_curr for item in items}
    if len(currencies) != 1:
        raise FobError("items", "同一报关单的商品项成交币制不一致")
    currency = currencies.pop()
    freight, insurance, other = _fees(declaration)
    fee_currencies = {fee.currency for fee in (freight, insurance, other) if fee is not None}
    rates = _rates(declaration, {currency, USD, *fee_currencies}, ref)
    try:
        term = TransactionTerm(declaration.trans_mode)
    except ValueError as exc:
        raise FobError("trans_mode", f"成交方式{declaration.trans_mode}不正确") from exc
    result = derive_fob(
        FobDeclaration(
            transaction_term=term,
            currency=currency,
            items=[FobItem(str(item.pk), item.decl_total) for item in items],
            rates=rates,
            freight=freight,
            insurance=insurance,
            other=other,
            gross_weight_kg=declaration.gross_wt,
        )
    )
    price_rate = rates.get(currency, Decimal(1))
    derived = {int(row.id): row for row in result.items}
    return {item.pk: _customs_or(item, derived[item.pk], price_rate, rates[USD]) for item in items}


def _customs_or(
    item: DeclarationItem, row: ItemFob, price_rate: Decimal, usd_rate: Decimal
) -> ItemAmounts:
    """Customs' FOB pair when the download carried it, with the rates it implies (so that
    人民币离岸价 = 美元离岸价 × 美元汇率 holds on the line); else the derived pair."""
    if item.fob_usd is None or item.fob_cny is None or not item.fob_usd:
        return ItemAmounts(row.fob_usd, row.fob_cny, price_rate, usd_rate)
    implied_price_rate = round_rate(item.fob_cny / row.fob) if row.fob else price_rate
    return ItemAmounts(
        item.fob_usd, item.fob_cny, implied_price_rate, round_rate(item.fob_cny / item.fob_usd)
    )
