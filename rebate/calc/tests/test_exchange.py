from datetime import date
from decimal import Decimal

import pytest

from rebate.calc import exchange as fx


@pytest.mark.parametrize(
    ("currency", "quote", "expected"),
    [
        ("USD", "710.25", "7.102500"),
        ("JPY", "4.8123", "0.048123"),
        ("EUR", "771.23456", "7.712346"),  # 7.7123456 → half up at the 6th place
        ("MYR", "65.43", "1.528351"),  # 100 / 65.43 = 1.5283509...
        ("KRW", "19345.67", "0.005169"),
    ],
)
def test_official_quotes_become_rmb_per_unit(currency: str, quote: str, expected: str) -> None:
    assert fx.convert_quote(currency, Decimal(quote)) == Decimal(expected)
    assert str(fx.convert_quote(currency, Decimal(quote))) == expected


def test_unknown_convention_and_bad_quote() -> None:
    with pytest.raises(fx.ExchangeRateError, match="XYZ"):
        fx.convert_quote("XYZ", Decimal("1"))
    with pytest.raises(ValueError):
        fx.from_official_quote(Decimal("0"), fx.QuoteConvention.PER_100_CNY)


def test_rate_date_follows_the_method() -> None:
    day = date(2025, 3, 18)
    assert fx.rate_date(fx.RateMethod.SAME_DAY, day) == day
    assert fx.rate_date(fx.RateMethod.FIRST_OF_MONTH, day) == date(2025, 3, 1)


def test_lookup_through_mapping_or_callable() -> None:
    table = {("USD", date(2025, 3, 1)): Decimal("7.17")}
    assert fx.rate_for_export(
        table, fx.RateMethod.FIRST_OF_MONTH, "USD", date(2025, 3, 9)
    ) == Decimal("7.17")
    assert fx.lookup_rate(
        lambda c, d: Decimal("7.2") if c == "USD" else None, "USD", date(2025, 3, 9)
    ) == Decimal("7.2")
    assert fx.lookup_rate(table, "CNY", date(2025, 3, 9)) == 1


def test_missing_rate_names_currency_and_date_in_chinese_and_english() -> None:
    with pytest.raises(fx.MissingRateError) as caught:
        fx.rate_for_export({}, fx.RateMethod.SAME_DAY, "EUR", date(2025, 3, 9))
    message = str(caught.value)
    assert "EUR" in message and "2025-03-09" in message
    assert "缺少" in message and "no central parity rate" in message


def test_method_is_fixed_for_a_calendar_year() -> None:
    history = [fx.MethodChoice(2024, fx.RateMethod.SAME_DAY)]
    # Re-confirming the current method is fine at any time.
    assert fx.validate_method_change(history, fx.RateMethod.SAME_DAY, 2025, used_in_year=True)
    # A change for a year already used is refused.
    with pytest.raises(fx.ExchangeRateError, match="2026-01-01"):
        fx.validate_method_change(history, fx.RateMethod.FIRST_OF_MONTH, 2025, used_in_year=True)
    # A change that opens a fresh year is accepted.
    choice = fx.validate_method_change(
        history, fx.RateMethod.FIRST_OF_MONTH, 2026, used_in_year=False
    )
    assert choice == fx.MethodChoice(2026, fx.RateMethod.FIRST_OF_MONTH)
    # Once chosen for 2026, switching back within 2026 is refused even before any use.
    history.append(choice)
    with pytest.raises(fx.ExchangeRateError):
        fx.validate_method_change(history, fx.RateMethod.SAME_DAY, 2026, used_in_year=False)
    assert fx.method_for_year(history, 2027) is fx.RateMethod.FIRST_OF_MONTH
    assert fx.method_for_year(history, 2020) is None
    assert fx.validate_method_change([], fx.RateMethod.SAME_DAY, 2025, used_in_year=True)


@pytest.mark.parametrize(
    ("export_date", "customs_date"),
    [
        (date(2026, 10, 15), date(2026, 9, 16)),  # September 2026 starts on a Tuesday
        (date(2026, 10, 1), date(2026, 9, 16)),
        (date(2026, 10, 31), date(2026, 9, 16)),
        (date(2026, 1, 5), date(2025, 12, 17)),  # across the year: December 2025
        (date(2026, 3, 2), date(2026, 2, 18)),  # February 2026 starts on a Sunday
        (date(2026, 5, 20), date(2026, 4, 15)),  # April 2026 starts on a Wednesday
    ],
)
def test_customs_rate_is_the_previous_months_third_wednesday(
    export_date: date, customs_date: date
) -> None:
    assert fx.customs_rate_date(export_date) == customs_date
    assert customs_date.weekday() == 2 and 15 <= customs_date.day <= 21
