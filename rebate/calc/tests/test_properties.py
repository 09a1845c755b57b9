"""Hypothesis properties of the period calculation and the FOB apportionment."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rebate.calc.fob import (
    Declaration,
    DeclarationItem,
    Fee,
    FeeMark,
    TransactionTerm,
    apportion,
    derive_fob,
)
from rebate.calc.mdt import (
    GoodsLine,
    PeriodInput,
    ProcessingWriteoff,
    calculate_period,
    compute_goods,
)
from rebate.calc.periods import Period

CENTS = 10**10
amounts = st.integers(-CENTS, CENTS).map(lambda cents: Decimal(cents).scaleb(-2))
positive_amounts = st.integers(1, CENTS).map(lambda cents: Decimal(cents).scaleb(-2))
non_negative = st.integers(0, CENTS).map(lambda cents: Decimal(cents).scaleb(-2))
fractions = st.integers(0, 10**6).map(lambda micro: Decimal(micro).scaleb(-6))
RATES = [
    Decimal(r) for r in ("0", "0.03", "0.05", "0.06", "0.09", "0.1", "0.11", "0.13", "0.16", "0.17")
]


@st.composite
def goods_lines(draw: st.DrawFn) -> GoodsLine:
    levy = draw(st.sampled_from(RATES))
    rebate = draw(st.sampled_from([rate for rate in RATES if rate <= levy]))
    return GoodsLine(
        draw(st.text(min_size=1, max_size=4)),
        draw(amounts),
        draw(amounts),
        levy,
        rebate,
        draw(st.none() | fractions),
        draw(st.sampled_from([Decimal("0.00")]) | non_negative),
    )


@settings(max_examples=200, deadline=None, database=None)
@given(
    lines=st.lists(goods_lines(), max_size=12),
    carried=non_negative,
    ending_credit=non_negative,
    writeoff_refund=amounts,
)
def test_summary_invariants(
    lines: list[GoodsLine], carried: Decimal, ending_credit: Decimal, writeoff_refund: Decimal
) -> None:
    result = calculate_period(
        PeriodInput(
            Period(2025, 6),
            lines,
            writeoff=ProcessingWriteoff(refund_adjustment=writeoff_refund),
            carried_offset=carried,
            ending_credit=ending_credit,
        )
    )
    rows = result.summary
    assert rows.exempt_credit_refund_total >= 0  # row 15
    assert rows.offset_to_carry >= 0  # row 16
    assert rows.refund_due <= min(rows.exempt_credit_refund_total, rows.ending_credit)  # row 18
    assert rows.refund_due + rows.exempt_credit == rows.exempt_credit_refund_total  # 18 + 19 = 15
    assert sum((line.exempt_credit_refund for line in result.goods), Decimal(0)) == rows.row(11)
    assert sum((line.non_creditable for line in result.goods), Decimal(0)) == rows.row(6)
    for value in rows.as_rows().values():
        assert value == value.quantize(Decimal("0.01"))  # every row stays in whole cents


@settings(max_examples=200, deadline=None, database=None)
@given(line=goods_lines())
def test_a_line_plus_its_full_reversal_contributes_zero(line: GoodsLine) -> None:
    reversal = GoodsLine(
        line.id, -line.fob_usd, -line.fob_cny, line.levy_rate, line.rebate_rate,
        line.allocation_rate, -line.duty_free_domestic_materials,
    )  # fmt: skip
    totals = compute_goods([line, reversal]).totals
    zero = Decimal(0)
    assert (totals.fob_usd, totals.fob_cny) == (zero, zero)
    assert (totals.non_creditable, totals.exempt_credit_refund) == (zero, zero)


@settings(max_examples=300, deadline=None, database=None)
@given(amount=amounts, weights=st.lists(positive_amounts, min_size=1, max_size=20))
def test_apportioned_shares_sum_exactly(amount: Decimal, weights: list[Decimal]) -> None:
    shares = apportion(amount, weights)
    assert len(shares) == len(weights)
    assert sum(shares, Decimal(0)) == amount
    assert all(share == share.quantize(Decimal("0.01")) for share in shares)


@settings(max_examples=200, deadline=None, database=None)
@given(
    totals=st.lists(
        st.integers(100_000, 10**9).map(lambda c: Decimal(c).scaleb(-2)), min_size=1, max_size=10
    ),
    freight=st.integers(0, 10**5).map(lambda c: Decimal(c).scaleb(-2)),  # ≤ 1,000 USD < 1 item
    insurance=st.integers(0, 10**4).map(lambda c: Decimal(c).scaleb(-2)),
)
def test_item_fob_sums_to_the_declaration_fob(
    totals: list[Decimal], freight: Decimal, insurance: Decimal
) -> None:
    declaration = Declaration(
        TransactionTerm.CIF,
        "EUR",
        [DeclarationItem(str(i), total) for i, total in enumerate(totals)],
        {"EUR": Decimal("7.812345"), "USD": Decimal("7.1")},
        freight=Fee(FeeMark.TOTAL, freight, "USD"),
        insurance=Fee(FeeMark.TOTAL, insurance, "CNY"),
    )
    result = derive_fob(declaration)
    assert sum((item.fob for item in result.items), Decimal(0)) == result.fob
    assert result.fob + result.deduction == sum(totals)
