"""其他申报 arithmetic, every figure worked by hand in the comments."""

from datetime import date
from decimal import Decimal as D

import pytest

from rebate.calc.other import (
    OtherCalcError,
    consumption_tax_refund,
    extended_deadline,
    proceeds_deadline,
    proceeds_overdue,
    self_use_refund,
    used_equipment_refund,
    vat_rates_on,
)


def test_self_use_tax_and_refund_at_13_percent() -> None:
    # 计税金额 10,000.00 × 13% = 1,300.00; 退税额 = 税额
    result = self_use_refund(D("10000.00"), D("0.13"), date(2026, 3, 2))
    assert (result.tax, result.refund) == (D("1300.00"), D("1300.00"))


def test_self_use_rounds_half_up() -> None:
    # 1,234.55 × 0.13 = 160.4915 → 160.49;  38.50 × 0.09 = 3.465 → 3.47 (half up)
    assert self_use_refund(D("1234.55"), D("0.13"), date(2026, 1, 5)).tax == D("160.49")
    assert self_use_refund(D("38.50"), D("0.09"), date(2026, 1, 5)).tax == D("3.47")


def test_self_use_rate_follows_the_invoice_date() -> None:
    # 2019-03-31 is still under 16 %; 13 % only from 2019-04-01
    assert self_use_refund(D("100.00"), D("0.16"), date(2019, 3, 31)).tax == D("16.00")
    with pytest.raises(OtherCalcError) as raised:
        self_use_refund(D("100.00"), D("0.16"), date(2019, 4, 1))
    assert raised.value.field == "levy_rate"
    assert "0.13" in raised.value.message
    assert D("0.17") in vat_rates_on(date(2018, 4, 30))


def test_used_equipment_refund_by_net_value() -> None:
    # 原值 200,000, 折旧 50,000 → 净值 150,000; 计税依据 = 180,000 × 150,000 ÷ 200,000 = 135,000
    # 退税额 = 135,000 × 13% = 17,550.00
    result = used_equipment_refund(D("180000.00"), D("200000.00"), D("50000.00"), D("0.13"))
    assert result.net_value == D("150000.00")
    assert result.tax_basis == D("135000.00")
    assert result.refund == D("17550.00")


def test_used_equipment_rounds_basis_then_refund() -> None:
    # 净值 = 3 − 1 = 2; 计税依据 = 100 × 2 ÷ 3 = 66.666… → 66.67; 66.67 × 0.09 = 6.0003 → 6.00
    result = used_equipment_refund(D("100.00"), D("3.00"), D("1.00"), D("0.09"))
    assert (result.tax_basis, result.refund) == (D("66.67"), D("6.00"))


def test_used_equipment_fully_depreciated_refunds_nothing() -> None:
    result = used_equipment_refund(D("5000.00"), D("8000.00"), D("8000.00"), D("0.13"))
    assert (result.net_value, result.tax_basis, result.refund) == (D("0"), D("0.00"), D("0.00"))


@pytest.mark.parametrize(
    ("invoice", "original", "depreciation", "field"),
    [
        (D("100.00"), D("1000.00"), D("-1.00"), "accumulated_depreciation"),  # 净值 > 原值
        (D("100.00"), D("1000.00"), D("1000.01"), "accumulated_depreciation"),
        (D("100.00"), D("0.00"), D("0.00"), "original_value"),
        (D("0.00"), D("1000.00"), D("0.00"), "taxable_amount"),
    ],
)
def test_used_equipment_refuses_impossible_values(
    invoice: D, original: D, depreciation: D, field: str
) -> None:
    with pytest.raises(OtherCalcError) as raised:
        used_equipment_refund(invoice, original, depreciation, D("0.13"))
    assert raised.value.field == field


def test_consumption_tax_refund() -> None:
    # 从价: 计税金额 52,000.00 × 10% = 5,200.00; 333.33 × 0.15 = 49.9995 → 50.00
    assert consumption_tax_refund(D("52000.00"), D("0.10")) == D("5200.00")
    assert consumption_tax_refund(D("333.33"), D("0.15")) == D("50.00")


def test_proceeds_deadline_2026_regime() -> None:
    # exported 2026-03-05 → 30 April 2027
    assert proceeds_deadline(date(2026, 3, 5)) == date(2027, 4, 30)
    # contract's last collection date later → that date
    assert proceeds_deadline(date(2026, 3, 5), date(2027, 12, 31)) == date(2027, 12, 31)
    # but never beyond 36 months after export: 2026-03 + 36 = 2029-03, last day 31
    assert proceeds_deadline(date(2026, 3, 5), date(2030, 1, 1)) == date(2029, 3, 31)
    # an earlier contract date does not shorten the 30 April deadline
    assert proceeds_deadline(date(2026, 3, 5), date(2026, 6, 1)) == date(2027, 4, 30)


def test_proceeds_deadline_before_2026_is_the_declaration_deadline() -> None:
    assert proceeds_deadline(date(2025, 11, 20)) == date(2026, 4, 15)


def test_overdue_only_when_neither_collected_nor_deemed() -> None:
    deadline = date(2027, 4, 30)
    assert proceeds_overdue(deadline, date(2027, 5, 1), received=False, deemed=False)
    assert not proceeds_overdue(deadline, date(2027, 4, 30), received=False, deemed=False)
    assert not proceeds_overdue(deadline, date(2027, 5, 1), received=True, deemed=False)
    assert not proceeds_overdue(deadline, date(2027, 5, 1), received=False, deemed=True)


def test_extended_deadline_moves_twelve_months_to_month_end() -> None:
    assert extended_deadline(date(2027, 4, 15)) == date(2028, 4, 30)


def test_an_extended_deadline_keeps_a_late_line_in_time() -> None:
    from dataclasses import replace

    from rebate.calc.checks import CheckContext, run_checks
    from rebate.calc.tests.test_checks import CONTEXT, KEY, LINE

    late = {**CONTEXT, "today": date(2026, 4, 16)}  # the line's 申报期限 was 2026-04-15
    assert run_checks([LINE], CheckContext(**late), only={"LOCAL_DEADLINE"})
    extended = CheckContext(**late, deadline_extensions={KEY[:18]: date(2027, 4, 30)})
    assert run_checks([LINE], extended, only={"LOCAL_DEADLINE"}) == []
    other = CheckContext(**late, deadline_extensions={"9" * 18: date(2027, 4, 30)})
    assert run_checks([replace(LINE)], other, only={"LOCAL_DEADLINE"})
