from decimal import Decimal as D

import pytest

from rebate.calc import allocation as al
from rebate.calc.mdt import ProcessingWriteoff

IMP, EXP = al.Direction.IMPORT, al.Direction.EXPORT


def test_planned_rate_six_places() -> None:
    assert al.planned_rate(D("700000"), D("1000000")) == D("0.700000")
    assert al.planned_rate(D("1"), D("3")) == D("0.333333")
    assert al.planned_rate(D("2"), D("3")) == D("0.666667")
    with pytest.raises(al.AllocationError):
        al.planned_rate(D("1"), D("0"))


def record(direction: al.Direction, mode: str, amount: str) -> al.ProcessingTradeRecord:
    return al.ProcessingTradeRecord(direction, mode, D(amount))


def test_actual_rate_uses_exactly_the_domain_code_lists() -> None:
    records = [
        record(IMP, "0615", "500"), record(IMP, "0654", "100"), record(IMP, "0657", "10"),
        record(IMP, "0700", "20"), record(IMP, "0715", "200"), record(IMP, "1215", "30"),
        record(EXP, "0657", "5"), record(EXP, "0664", "15"), record(EXP, "0700", "10"),
        record(EXP, "0864", "4"), record(EXP, "0200", "6"),
        record(IMP, "0644", "40"), record(IMP, "0844", "10"),
        record(EXP, "0615", "900"), record(EXP, "0654", "100"), record(EXP, "0715", "300"),
        record(EXP, "1215", "50"), record(EXP, "4600", "20"), record(IMP, "4600", "70"),
        record(EXP, "0110", "999"), record(IMP, "0214", "999"),  # other modes are ignored
    ]  # fmt: skip
    result = al.actual_rate(records)
    assert result.import_total == D("860") - D("40") - D("50")  # 770
    assert result.export_total == D("1370") - D("70")  # 1300
    assert result.rate == D("0.592308")


def test_actual_rate_without_exports_is_an_error() -> None:
    with pytest.raises(al.AllocationError):
        al.actual_rate([record(IMP, "0615", "100")])


def test_combined_actual_rate_is_weighted() -> None:
    manuals = [
        al.ActualRate(D("60"), D("100"), D("0.6")),
        al.ActualRate(D("10"), D("100"), D("0.1")),
    ]
    assert al.combined_actual_rate(manuals) == D("0.350000")


def test_manual_adjustment_rounded_per_manual() -> None:
    writeoff = al.ManualWriteoff(
        "C12345678901",
        actual_rate=D("0.65"),
        declared=[
            al.DeclaredProcessingExport(D("1000000.00"), D("0.70"), D("0.13"), D("0.11")),
            al.DeclaredProcessingExport(D("333.33"), D("0.70"), D("0.13"), D("0.10")),
        ],
    )
    adjustment = al.manual_adjustment(writeoff)
    # 1,000,000 × 0.05 × 0.11 = 5,500 ; 333.33 × 0.05 × 0.10 = 1.666650 → total 5,501.67
    assert adjustment.refund_adjustment == D("5501.67")
    # 1,000,000 × 0.05 × 0.02 = 1,000 ; 333.33 × 0.05 × 0.03 = 0.499995 → total 1,000.50
    assert adjustment.non_creditable_adjustment == D("1000.50")
    assert adjustment.declared_exports == D("1000333.33")


def test_negative_adjustment_when_actual_rate_is_higher() -> None:
    writeoff = al.ManualWriteoff(
        "B1",
        D("0.75"),
        [al.DeclaredProcessingExport(D("100000.00"), D("0.70"), D("0.13"), D("0.13"))],
    )
    adjustment = al.manual_adjustment(writeoff)
    assert adjustment.refund_adjustment == D("-650.00")
    assert adjustment.non_creditable_adjustment == D("0.00")


def test_writeoff_totals_feed_rows_8_and_14() -> None:
    a = al.ManualAdjustment("A", D("0.6"), D("0"), D("5.01"), D("1.00"))
    b = al.ManualAdjustment("B", D("0.6"), D("0"), D("10.00"), D("-2.00"))
    assert al.writeoff_totals([a, b]) == ProcessingWriteoff(D("-1.00"), D("15.01"))
