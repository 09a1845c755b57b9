"""Hand-checked cases of the 免抵退 line amounts, 汇总表, VAT link and 本年累计."""

from decimal import Decimal as D

import pytest

from rebate.calc.allocation import (
    DeclaredProcessingExport,
    ManualWriteoff,
    manual_adjustment,
    writeoff_totals,
)
from rebate.calc.mdt import (
    GoodsLine,
    PeriodInput,
    PeriodInputError,
    ServiceLine,
    SummaryRows,
    VatReturn,
    YearToDateError,
    accumulate_year,
    calculate_period,
    chain_periods,
    compute_goods,
    compute_service_line,
    difference_to_vat_return,
)
from rebate.calc.periods import Period

P = Period(2025, 3)


def goods(
    fob_cny: str, levy: str = "0.13", rebate: str = "0.10", allocation: str | None = None,
    domestic: str = "0.00", fob_usd: str = "0.00", line_id: str = "1",
) -> GoodsLine:  # fmt: skip
    return GoodsLine(
        line_id, D(fob_usd), D(fob_cny), D(levy), D(rebate),
        D(allocation) if allocation else None, D(domestic),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("line", "bonded", "non_creditable", "refund"),
    [
        # DOMAIN §4 line 1 and line 2
        (goods("1420000.00"), "0.00", "42600.00", "142000.00"),
        (goods("580000.00"), "0.00", "17400.00", "58000.00"),
        # half-cent rounding: 10.05 × 0.10 = 1.005 → 1.01; 10.05 × 0.03 = 0.3015 → 0.30
        (goods("10.05"), "0.00", "0.30", "1.01"),
        # 红字冲减 rounds away from zero: −1.005 → −1.01
        (goods("-10.05"), "0.00", "-0.30", "-1.01"),
        # DOMAIN §1.2 进料加工 example: FOB 400 × 70 % = 280; 不得免征 = 400 × 2 % − 5.6 = 2.4
        (goods("400.00", "0.13", "0.11", "0.70"), "280.00", "2.40", "13.20"),
        # bonded rounded before use: 333.33 × 0.654321 = 218.1048… → 218.10; 115.23 × 0.13 = 14.9799
        (goods("333.33", "0.13", "0.13", "0.654321"), "218.10", "0.00", "14.98"),
        # 国内购进免税原材料价格 reduces the base
        (goods("1000.00", domestic="200.00"), "0.00", "24.00", "80.00"),
        # zero-rate goods: nothing refundable, full difference not creditable
        (goods("1000.00", "0.13", "0"), "0.00", "130.00", "0.00"),
    ],
)
def test_goods_line_amounts(line: GoodsLine, bonded: str, non_creditable: str, refund: str) -> None:
    result = compute_goods([line])[0]
    assert (result.bonded_materials_price, result.non_creditable, result.exempt_credit_refund) == (
        D(bonded),
        D(non_creditable),
        D(refund),
    )


def test_services_line_amounts() -> None:
    result = compute_service_line(
        ServiceLine("S1", D("1408.45"), D("10000.05"), D("0.06"), D("0.06"))
    )
    assert result.non_creditable == D("0.00")
    assert result.exempt_credit_refund == D("600.00")  # 600.003 → 600.00
    result = compute_service_line(ServiceLine("S2", D("0"), D("10.05"), D("0.09"), D("0.05")))
    assert (result.non_creditable, result.exempt_credit_refund) == (D("0.40"), D("0.50"))


def period(lines: list[GoodsLine], **kwargs: object) -> SummaryRows:
    return calculate_period(PeriodInput(P, lines, **kwargs)).summary  # type: ignore[arg-type]


def test_domain_section_4_worked_example() -> None:
    lines = [
        goods("1420000.00", fob_usd="200000.00", line_id="1"),
        goods("580000.00", fob_usd="80000.00", line_id="2"),
    ]
    result = calculate_period(
        PeriodInput(P, lines, vat_return=VatReturn(D("130000"), D("260000"), D("30000")))
    )
    assert result.vat is not None
    assert result.vat.non_creditable == D("60000.00")
    assert result.vat.tax_payable == D("-100000.00")
    assert result.vat.ending_credit == D("100000.00")
    expected = {
        1: "280000.00", 2: "280000.00", 3: "0", 4: "2000000.00", 5: "60000.00", 6: "60000.00",
        7: "0", 8: "0", 9: "60000.00", 10: "200000.00", 11: "200000.00", 12: "0", 13: "0",
        14: "0", 15: "200000.00", 16: "0", 17: "100000.00", 18: "100000.00", 19: "100000.00",
    }  # fmt: skip
    assert result.summary.as_rows() == {row: D(value) for row, value in expected.items()}
    assert result.credit_carried_forward == 0
    # column (b) of the year's first declaration equals column (a)
    assert accumulate_year(None, P, result.summary).rows == result.summary


def test_ending_credit_above_the_refund_ceiling() -> None:
    rows = period([goods("1000000.00")], ending_credit=D("250000.00"))
    assert rows.exempt_credit_refund_total == D("100000.00")
    assert rows.refund_due == D("100000.00")  # 应退 = 免抵退税额
    assert rows.exempt_credit == D("0.00")  # 免抵 = 0


def test_zero_ending_credit_means_everything_is_exempt_credit() -> None:
    rows = period([goods("1000000.00")], ending_credit=D("0"))
    assert rows.refund_due == 0
    assert rows.exempt_credit == D("100000.00")


def test_vat_return_with_tax_payable_gives_zero_credit() -> None:
    result = calculate_period(
        PeriodInput(P, [goods("100000.00")], vat_return=VatReturn(D("50000"), D("20000"), D("0")))
    )
    assert result.vat is not None
    assert result.vat.tax_payable == D("33000.00")  # 50,000 − (20,000 − 3,000)
    assert result.vat.ending_credit == 0
    assert result.summary.refund_due == 0
    assert result.summary.exempt_credit == D("10000.00")


def test_carried_offsets_over_two_periods() -> None:
    # DOMAIN §4 variant: a red-letter-only period (row 10 = −20,000) …
    first = PeriodInput(Period(2025, 4), [goods("-200000.00")], ending_credit=D("50000"))
    # … then a normal period whose row 13 must be 20,000.
    second = PeriodInput(Period(2025, 5), [goods("500000.00")], ending_credit=D("10000"))
    one, two = chain_periods([first, second])
    assert one.summary.exempt_credit_refund == D("-20000.00")
    assert one.summary.exempt_credit_refund_total == 0  # row 15
    assert one.summary.offset_to_carry == D("20000.00")  # row 16
    assert one.summary.refund_due == one.summary.exempt_credit == 0
    assert two.summary.carried_offset == D("20000.00")  # row 13 ← previous row 16
    assert two.summary.exempt_credit_refund_total == D("30000.00")  # 50,000 − 20,000
    assert two.summary.offset_to_carry == 0
    assert two.summary.refund_due == D("10000")
    assert two.summary.exempt_credit == D("20000.00")


def test_carry_larger_than_the_period_keeps_carrying() -> None:
    rows = period([goods("100000.00")], carried_offset=D("25000.00"), ending_credit=D("0"))
    assert rows.exempt_credit_refund_total == 0
    assert rows.offset_to_carry == D("15000.00")


def test_chain_requires_increasing_periods() -> None:
    same = PeriodInput(P, [], ending_credit=D("0"))
    with pytest.raises(YearToDateError):
        chain_periods([same, same])


def test_processing_writeoff_adjusts_rows_8_and_14_and_the_vat_return() -> None:
    adjustment = manual_adjustment(
        ManualWriteoff(
            "C1",
            D("0.65"),
            [DeclaredProcessingExport(D("1000000.00"), D("0.70"), D("0.13"), D("0.11"))],
        )
    )
    writeoff = writeoff_totals([adjustment])
    result = calculate_period(
        PeriodInput(
            P,
            [goods("4000000.00", "0.13", "0.11", "0.70")],
            writeoff=writeoff,
            vat_return=VatReturn(D("0"), D("200000"), D("0")),
        )
    )
    rows = result.summary
    assert rows.writeoff_non_creditable_adjustment == D("1000.00")  # row 8
    assert rows.non_creditable_total == D("24000.00") + D("1000.00")  # row 9
    assert rows.writeoff_refund_adjustment == D("5500.00")  # row 14
    assert rows.exempt_credit_refund_total == D("132000.00") + D("5500.00")  # row 15
    assert result.vat is not None and result.vat.ending_credit == D("175000.00")  # 200,000 − 25,000
    assert rows.refund_due == D("137500.00")
    assert difference_to_vat_return(rows, D("25000.00")) == 0


def test_services_feed_rows_3_4_7_12() -> None:
    result = calculate_period(
        PeriodInput(
            P,
            [goods("1000.00", fob_usd="140.00")],
            services=[
                ServiceLine("S1", D("100.00"), D("710.00"), D("0.06"), D("0.06")),
                ServiceLine("S2", D("50.00"), D("355.00"), D("0.09"), D("0.06")),
            ],
            ending_credit=D("0"),
        )
    )
    rows = result.summary
    assert rows.services_sales_usd == D("150.00") and rows.export_sales_usd == D("290.00")
    assert rows.export_sales_cny == D("2065.00")
    assert rows.services_non_creditable == D("10.65")  # 355 × 0.03
    assert rows.services_exempt_credit_refund == D("63.90")  # 42.60 + 21.30
    assert rows.exempt_credit_refund == D("163.90")


def test_period_input_needs_exactly_one_credit_source() -> None:
    with pytest.raises(PeriodInputError):
        PeriodInput(P, [])
    with pytest.raises(PeriodInputError):
        PeriodInput(P, [], ending_credit=D("1"), vat_return=VatReturn(D("0"), D("0"), D("0")))
    with pytest.raises(PeriodInputError):
        PeriodInput(P, [], ending_credit=D("-1"))


def test_zero_declaration_is_all_zero() -> None:
    rows = period([], ending_credit=D("0"))
    assert set(rows.as_rows().values()) == {D("0")}
    assert str(rows.goods_sales_usd) == "0.00"


def test_lazy_line_results_and_bonded_total() -> None:
    columns = compute_goods(
        [goods("400.00", allocation="0.70", line_id="a"), goods("10.00", line_id="b")]
    )
    assert [result.id for result in columns] == ["a", "b"]
    assert len(columns) == 2 and columns.bonded_materials_total == D("280.00")


def test_summary_row_access() -> None:
    rows = period([goods("1000.00")], ending_credit=D("30"))
    assert rows.row(11) == D("100.00") and rows.row(18) == D("30")
    assert SummaryRows.from_rows(rows.as_rows()) == rows
    with pytest.raises(IndexError):
        rows.row(20)


def test_year_to_date_sums_flows_and_keeps_balances() -> None:
    march = period(
        [goods("500000.00", fob_usd="70000")], carried_offset=D("1000"), ending_credit=D("80000")
    )
    april = period([goods("-200000.00", fob_usd="-28000")], ending_credit=D("0"))
    b_march = accumulate_year(None, Period(2025, 3), march)
    b_april = accumulate_year(b_march, Period(2025, 4), april)
    rows = b_april.rows
    assert rows.goods_sales_usd == D("42000")  # summed
    assert rows.exempt_credit_refund == D("30000.00")  # 50,000 − 20,000
    assert rows.carried_offset == D("1000")  # carry brought into the year
    assert rows.offset_to_carry == april.offset_to_carry == D("20000.00")  # balance
    assert rows.ending_credit == april.ending_credit  # balance
    assert rows.exempt_credit_refund_total == D("49000.00")  # refunds actually granted
    # column (b) keeps the identities of the form
    assert rows.offset_to_carry == (
        rows.carried_offset - rows.exempt_credit_refund - rows.writeoff_refund_adjustment
        + rows.exempt_credit_refund_total
    )  # fmt: skip
    assert rows.exempt_credit == rows.exempt_credit_refund_total - rows.refund_due
    # a new year starts again from column (a)
    assert accumulate_year(b_april, Period(2026, 1), march).rows == march
    with pytest.raises(YearToDateError):
        accumulate_year(b_april, Period(2025, 4), april)
