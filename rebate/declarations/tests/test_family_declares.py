"""A family declares its businesses and its period kind (issue 15 point 6)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from rebate.declarations.families import (
    ALL_STEPS,
    Business,
    Family,
    PeriodKind,
    base,
    family_by_business_code,
    get_family,
)
from rebate.declarations.services import check_period


def _write(out: Any, request: Any) -> Any:
    raise AssertionError("not written here")


FILINGS = Family(
    key="testfilings",
    label="测试备案",
    steps=ALL_STEPS,
    sources=(),
    write_package=_write,
    period_kind=PeriodKind.NONE,
    businesses=(
        Business("T0101001", "tba", "测试备案甲"),
        Business("T0102001", "tbb", "测试备案乙"),
    ),
)


def test_a_single_business_family_derives_its_business():
    mdt = get_family("mdt")
    assert mdt.period_kind is PeriodKind.MONTH
    assert [(b.code, b.short_name) for b in mdt.businesses] == [("A0305001", "scsb")]
    one = Family(
        key="one", label="单一", steps=ALL_STEPS, sources=(), write_package=_write,
        businesses=(Business("T0000009", "one", "单一业务"),),
    )  # fmt: skip
    assert (one.business_code, one.short_name) == ("T0000009", "one")


def test_a_family_of_several_businesses_is_found_by_each_code(monkeypatch):
    monkeypatch.setitem(base._REGISTRY, FILINGS.key, FILINGS)
    assert family_by_business_code("T0102001") is FILINGS
    assert FILINGS.business("T0101001").label == "测试备案甲"
    assert FILINGS.business_code == ""  # picked per batch in the dialog
    with pytest.raises(LookupError):
        FILINGS.business("A0305001")


def test_a_family_without_a_business_is_refused():
    with pytest.raises(ValueError):
        Family(key="none", label="无", steps=ALL_STEPS, sources=(), write_package=_write)


def test_the_period_is_checked_by_the_familys_kind():
    assert check_period("202503", PeriodKind.MONTH) == "202503"
    assert check_period("2026", PeriodKind.YEAR) == "2026"
    assert check_period("whatever", PeriodKind.NONE) == ""
    with pytest.raises(ValidationError, match="申报年格式应为YYYY"):
        check_period("202603", PeriodKind.YEAR)
    with pytest.raises(ValidationError, match="所属期格式应为YYYYMM"):
        check_period("2026", PeriodKind.MONTH)
