from datetime import date

import pytest

from rebate.calc.periods import Period, PeriodError, year_of


def test_parse_and_boundaries() -> None:
    period = Period.parse("202402")
    assert (period.year, period.month) == (2024, 2)
    assert period.first_day == date(2024, 2, 1)
    assert period.last_day == date(2024, 2, 29)
    assert str(period) == "202402"
    assert period.contains(date(2024, 2, 29)) and not period.contains(date(2024, 3, 1))


@pytest.mark.parametrize(
    "text", ["2024-02", "20240", "202413", "202400", "abcdef", "199001", 202402]
)
def test_invalid_periods(text: object) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_previous_next_and_year() -> None:
    assert Period.parse("202601").previous() == Period(2025, 12)
    assert Period.parse("202512").next() == Period(2026, 1)
    assert Period(2026, 1).plus_months(36) == Period(2029, 1)
    assert Period(2026, 11).plus_months(-11) == Period(2025, 12)
    assert year_of("202503") == 2025 and year_of(Period(2026, 7)) == 2026
    assert Period(2025, 12) < Period(2026, 1)
    assert Period.of(date(2025, 3, 31)) == Period(2025, 3)
