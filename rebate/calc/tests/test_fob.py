from decimal import Decimal as D

import pytest

from rebate.calc.fob import (
    Declaration,
    DeclarationItem,
    Fee,
    FeeMark,
    FobError,
    TransactionTerm,
    derive_fob,
    line_fob,
)

USD_RATES = {"USD": D("7.100000")}
ITEMS = [DeclarationItem("1", D("6000.00")), DeclarationItem("2", D("4000.00"))]
FREIGHT = Fee(FeeMark.TOTAL, D("300.00"), "USD")
INSURANCE = Fee(FeeMark.TOTAL, D("200.00"), "CNY")


def declaration(term: str, **kwargs: object) -> Declaration:
    base: dict[str, object] = {
        "transaction_term": TransactionTerm(term), "currency": "USD", "items": ITEMS,
        "rates": USD_RATES, "freight": FREIGHT, "insurance": INSURANCE,
    }  # fmt: skip
    base.update(kwargs)
    return Declaration(**base)  # type: ignore[arg-type]


def test_cif_example_from_the_contract() -> None:
    result = derive_fob(declaration("1"))
    # 300 USD + 200 CNY / 7.1 = 328.169… → 328.17, split 196.90 / 131.27
    assert result.deduction == D("328.17")
    assert result.fob == D("9671.83")
    assert [(i.fob, i.fob_cny, i.fob_usd) for i in result.items] == [
        (D("5803.10"), D("41202.01"), D("5803.10")),
        (D("3868.73"), D("27467.98"), D("3868.73")),
    ]


@pytest.mark.parametrize(
    ("term", "deduction"),
    [("2", "300.00"), ("4", "28.17"), ("3", "0.00"), ("5", "0.00"), ("6", "0.00"), ("7", "0.00")],
)
def test_terms_deduct_only_what_their_price_contains(term: str, deduction: str) -> None:
    result = derive_fob(declaration(term))
    assert result.deduction == D(deduction)
    assert result.fob == D("10000.00") - D(deduction)


def test_rate_mark_is_a_percentage_of_the_declaration_total() -> None:
    result = derive_fob(declaration("2", freight=Fee(FeeMark.RATE, D("5"))))
    assert result.deduction == D("500.00")
    assert [item.fob for item in result.items] == [D("5700.00"), D("3800.00")]


def test_per_tonne_freight_uses_gross_weight() -> None:
    freight = Fee(FeeMark.PER_TONNE, D("50.00"), "USD")
    result = derive_fob(declaration("2", freight=freight, gross_weight_kg=D("2500")))
    assert result.deduction == D("125.00")
    with pytest.raises(FobError, match="gross_weight_kg"):
        derive_fob(declaration("2", freight=freight))
    with pytest.raises(FobError, match=r"insurance\.mark"):
        derive_fob(
            declaration(
                "4", insurance=Fee(FeeMark.PER_TONNE, D("1"), "USD"), gross_weight_kg=D("1")
            )
        )


def test_positive_other_charges_are_added_negative_deducted() -> None:
    added = derive_fob(declaration("3", other=Fee(FeeMark.TOTAL, D("100.00"), "USD")))
    assert added.fob == D("10100.00") and added.deduction == D("-100.00")
    deducted = derive_fob(declaration("3", other=Fee(FeeMark.RATE, D("-1"))))
    assert deducted.fob == D("9900.00")


def test_conversion_through_cny_for_a_foreign_price_currency() -> None:
    result = derive_fob(
        declaration(
            "1",
            currency="EUR",
            items=[DeclarationItem("1", D("1000.00"))],
            rates={"EUR": D("7.800000"), "USD": D("7.100000")},
            freight=Fee(FeeMark.TOTAL, D("71.00"), "USD"),
            insurance=None,
        )
    )
    # 71 USD × 7.1 / 7.8 = 64.628… → 64.63 EUR
    assert result.fob == D("935.37")
    item = result.items[0]
    assert item.fob_cny == D("7295.89")  # 935.37 × 7.8 = 7295.886
    assert item.fob_usd == D("1027.59")  # 7295.886 / 7.1 = 1027.589…


def test_missing_rate_names_the_currency() -> None:
    with pytest.raises(FobError) as caught:
        derive_fob(declaration("1", currency="EUR"))
    assert caught.value.field == "rates.EUR"
    with pytest.raises(FobError, match=r"rates\.USD"):
        derive_fob(declaration("3", currency="CNY", rates={}))


def test_errors_for_impossible_declarations() -> None:
    with pytest.raises(FobError, match="items"):
        derive_fob(declaration("1", items=[]))
    with pytest.raises(FobError, match="exceed"):
        derive_fob(declaration("2", freight=Fee(FeeMark.TOTAL, D("20000"), "USD")))
    with pytest.raises(FobError, match="more than zero"):
        derive_fob(declaration("3", items=[DeclarationItem("1", D("0"))]))


def test_last_item_takes_the_remainder() -> None:
    items = [DeclarationItem(str(i), D("1.00")) for i in range(3)]
    result = derive_fob(declaration("2", items=items, freight=Fee(FeeMark.TOTAL, D("1.00"), "USD")))
    assert [item.fob for item in result.items] == [D("0.67"), D("0.67"), D("0.66")]


@pytest.mark.parametrize(
    ("fob", "rate", "usd_rate", "cny", "usd"),
    [
        ("1000.00", "7.280000", "7.280000", "7280.00", "1000.00"),  # USD: 美元离岸价 = 原币FOB
        ("1234.57", "7.123456", "7.123456", "8794.41", "1234.57"),  # 8794.40507… → .41
        ("1000.00", "8.312345", "7.280000", "8312.35", "1141.81"),  # EUR: 8312.345 → .35
        ("250000", "0.048123", "7.280000", "12030.75", "1652.58"),  # JPY
        ("5000.00", "0.931234", "7.280000", "4656.17", "639.58"),  # HKD
        ("-100.00", "7.100050", "7.100050", "-710.01", "-100.00"),  # 红字: −710.005 → −710.01
        ("0.01", "0.048123", "7.280000", "0.00", "0.00"),
    ],
)
def test_line_amounts_from_the_original_currency_fob(
    fob: str, rate: str, usd_rate: str, cny: str, usd: str
) -> None:
    """DOMAIN §1.4: rmblaj = round(原币FOB × 成交货币汇率), mylaj from the unrounded RMB."""
    assert line_fob(D(fob), D(rate), D(usd_rate)) == (D(cny), D(usd))
