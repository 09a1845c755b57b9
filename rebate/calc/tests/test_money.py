from decimal import Decimal

import pytest

from rebate.calc import money


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.005", "1.01"),
        ("-0.005", "-0.01"),
        ("1.004999", "1.00"),
        ("2.675", "2.68"),  # the classic float trap: float(2.675) rounds to 2.67
        ("-2.675", "-2.68"),
        ("0.015", "0.02"),
        ("123456789012345.995", "123456789012346.00"),
        ("7", "7.00"),
    ],
)
def test_round_amount_is_half_up_away_from_zero(value: str, expected: str) -> None:
    assert money.round_amount(Decimal(value)) == Decimal(expected)
    assert str(money.round_amount(Decimal(value))) == expected


def test_round_amount_ignores_the_callers_decimal_context() -> None:
    import decimal

    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_EVEN
        ctx.prec = 3
        assert money.round_amount(Decimal("1234.565")) == Decimal("1234.57")


def test_rate_and_quantity_rounding() -> None:
    assert money.round_rate(Decimal("0.6543215")) == Decimal("0.654322")
    assert money.round_quantity(Decimal("1.000005")) == Decimal("1.00001")


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("-0.00"), "0.00"), (Decimal("5"), "5.00"), (Decimal("-1.5"), "-1.50")],
)
def test_format_amount_has_exactly_two_decimals(value: Decimal, text: str) -> None:
    assert money.format_amount(value) == text


@pytest.mark.parametrize("value", [1.005, 1, True, None, [], 2.5])
def test_non_string_non_decimal_input_is_refused(value: object) -> None:
    with pytest.raises(money.MoneyError):
        money.parse_amount(value)


def test_float_is_refused_with_a_clear_message() -> None:
    with pytest.raises(money.MoneyError, match="decimal string"):
        money.parse_amount(0.1)
    with pytest.raises(money.MoneyError):
        money.parse_fraction(0.13)
    with pytest.raises(money.MoneyError):
        money.parse_exchange_rate(7.1)


@pytest.mark.parametrize(
    "text", ["", "abc", "1e5", "NaN", "Infinity", " 1.00", "1,000.00", "+1.00", "1.", ".5", "01.00"]
)
def test_malformed_strings_are_refused(text: str) -> None:
    with pytest.raises(money.MoneyError):
        money.parse_amount(text)


def test_amount_precision_limits() -> None:
    assert money.parse_amount("-100000.50") == Decimal("-100000.50")
    assert money.parse_amount("1.500") == Decimal("1.500")  # trailing zeros are harmless
    with pytest.raises(money.MoneyError, match="2 decimal places"):
        money.parse_amount("1.005")
    with pytest.raises(money.MoneyError, match="integer digits"):
        money.parse_amount("1" * 17)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("0.13", True),
        ("0", True),
        ("1", True),
        ("13", False),
        ("-0.01", False),
        ("0.1234567", False),
    ],
)
def test_fraction_bounds(text: str, ok: bool) -> None:
    if ok:
        assert money.parse_fraction(text) == Decimal(text)
    else:
        with pytest.raises(money.MoneyError):
            money.parse_fraction(text)


def test_exchange_rate_must_be_positive() -> None:
    assert money.parse_exchange_rate("7.102500") == Decimal("7.1025")
    with pytest.raises(money.MoneyError):
        money.parse_exchange_rate("0")
    assert money.parse_non_negative_amount("0") == 0
    with pytest.raises(money.MoneyError):
        money.parse_non_negative_amount("-1")
    assert money.parse_quantity("1.12345") == Decimal("1.12345")
    assert money.parse_amount(Decimal("2.50")) == Decimal("2.50")
    with pytest.raises(money.MoneyError):
        money.parse_amount(Decimal("NaN"))
