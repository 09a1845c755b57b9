"""美元离岸价 / 人民币离岸价 of a declaration's items, at the enterprise's rates.

The line's amounts come from customs' 原币FOB (the FOB in the transaction currency; derived from
the 成交总价 per 成交方式 and 运保杂 when the download lacks it, DOMAIN §12.5) and the central
parities under the enterprise's 汇率折算方式 (当天 / 当月1日, §1.3), by rebate.calc.fob.line_fob:
``rmblaj = round(原币FOB × 成交货币汇率)``, ``mylaj = round(原币FOB × 成交货币汇率 ÷ 美元汇率)``
(§1.4). Customs' own 美元/人民币离岸价 are at its monthly rate: the line keeps them beside its
amounts for comparison, never as its amounts. A missing rate is a FobError naming the currency
and date (数据检查 refuses such a declaration first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rebate.calc.fob import USD, Fee, FeeMark, FobError, TransactionTerm, derive_fob, line_fob
from rebate.calc.fob import Declaration as FobDeclaration
from rebate.calc.fob import DeclarationItem as FobItem

from ..models import Declaration, DeclarationItem
from ..sources import Reference


@dataclass(frozen=True, slots=True)
class ItemAmounts:
    fob: Decimal  # 原币FOB, in the transaction currency
    fob_cny: Decimal
    fob_usd: Decimal
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
    price_rate, usd_rate = rates.get(currency, Decimal(1)), rates[USD]
    derived = {int(row.id): row for row in result.items}
    amounts = {}
    for item in items:
        # Customs' 原币FOB when the download carried it (its fees converted at its rates);
        # else the derived one, already converted by derive_fob at the same rates.
        if item.fob_orig is None:
            row = derived[item.pk]
            fob, cny, usd = row.fob, row.fob_cny, row.fob_usd
        else:
            fob = item.fob_orig
            cny, usd = line_fob(fob, price_rate, usd_rate)
        amounts[item.pk] = ItemAmounts(fob, cny, usd, price_rate, usd_rate)
    return amounts
