"""生成退税's amounts (DOMAIN §1.3–§1.4): every line's 人民币离岸价 and 美元离岸价 are the §1.4
formulas over its 原币FOB with the rate table's central parities of its rate date, under both
汇率折算方式, for USD and non-USD currencies; customs' own figures ride along, unused."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from rebate.codes.models import ExchangeRate
from rebate.configuration.models import RateMethodChoice
from rebate.customs.services import declarations_check, declarations_generate
from rebate.goods.models import ExportLine

from .factories import make_declaration, wire_item

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")
# A table whose every day differs, and whose 1st of the month differs from every other day,
# so a line at the wrong date's rate cannot pass. Customs' figures are at 6.99 (its own rate).
BASES = {"USD": Decimal("7.280000"), "EUR": Decimal("8.312345"), "JPY": Decimal("0.048123"),
         "HKD": Decimal("0.931234"), "GBP": Decimal("9.654321")}  # fmt: skip


def _rate(currency: str, day: date) -> Decimal:
    return (BASES[currency] * (1 + Decimal(day.day) / 1000)).quantize(Decimal("0.000001"))


@pytest.fixture
def october(reference) -> None:
    ExchangeRate.objects.bulk_create(
        ExchangeRate(currency=currency, on_date=date(2026, 10, 1) + timedelta(days=n),
                     rate=_rate(currency, date(2026, 10, 1) + timedelta(days=n)), source="manual")
        for currency in BASES for n in range(31)
    )  # fmt: skip


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


CASES = [  # (currency, 成交方式, 运保杂, 成交总价 per item)
    ("USD", "3", {}, ("1234.57", "880.01")),
    ("EUR", "3", {}, ("1000.00", "333.33")),
    ("JPY", "3", {}, ("250000.00", "1234567.00")),
    ("HKD", "1", {"fee_mark": "1", "fee_rate": Decimal("3"), "insur_mark": "1",
                  "insur_rate": Decimal("0.3")}, ("5000.00", "7777.77")),  # CIF, rate marks
    ("GBP", "2", {"fee_mark": "3", "fee_rate": Decimal("120"), "fee_curr": "USD"},
     ("2000.00", "1500.00")),  # C&F, freight in USD converted through CNY
]  # fmt: skip


@pytest.mark.parametrize("method", ["SAME_DAY", "FIRST_OF_MONTH"])
@pytest.mark.parametrize(("currency", "term", "fees", "totals"), CASES)
def test_every_line_uses_the_enterprise_rates_of_its_date(
    october, enterprise, user, method, currency, term, fees, totals
) -> None:
    RateMethodChoice.objects.create(enterprise=enterprise, year=2026, method=method)
    export_date = date(2026, 10, 17)
    rate_day = export_date if method == "SAME_DAY" else date(2026, 10, 1)
    items = tuple(
        wire_item(g, trade_curr=currency, decl_total=Decimal(total),
                  fob_usd=_round(Decimal(total) * Decimal("0.9")),
                  fob_cny=_round(Decimal(total) * Decimal("6.99")))
        for g, total in enumerate(totals, start=1)
    )  # fmt: skip
    d = make_declaration(enterprise, ie_date=date(2026, 10, 17), trans_mode=term, items=items,
                         gross_wt=Decimal("1000"), **fees)  # fmt: skip
    declarations_check(enterprise=enterprise, actor=user, declaration_ids=[d.pk])
    declarations_generate(enterprise=enterprise, actor=user, declaration_ids=[d.pk],
                          period="202610", invoice_no="INV-1")  # fmt: skip
    lines = list(ExportLine.objects.for_enterprise(enterprise).order_by("item_key"))
    assert len(lines) == len(totals)
    rate, usd_rate = _rate(currency, rate_day), _rate("USD", rate_day)
    for line, item in zip(lines, d.items.order_by("g_no"), strict=True):
        assert (line.transaction_rate, line.usd_rate) == (rate, usd_rate)
        assert line.fob_cny == _round(line.transaction_fob * rate)
        assert line.fob_usd == _round(line.transaction_fob * rate / usd_rate)
        assert (line.customs_fob_usd, line.customs_fob_cny) == (item.fob_usd, item.fob_cny)
    if term == "3":  # FOB: nothing deducted, so the 原币FOB is the 成交总价
        assert [line.transaction_fob for line in lines] == [Decimal(t) for t in totals]
    else:
        assert all(line.transaction_fob < line.transaction_total for line in lines)
    if currency == "USD":
        assert [line.fob_usd for line in lines] == [line.transaction_fob for line in lines]
