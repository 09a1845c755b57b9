"""A family declares its businesses and its period kind (issue 15 point 6)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from rebate.declarations.choices import BatchStatus
from rebate.declarations.families import (
    ALL_STEPS,
    Business,
    Family,
    PeriodKind,
    Step,
    base,
    family_by_business_code,
    get_family,
)
from rebate.declarations.services import check_period

from .factories import make_batch


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


YEARLY = replace(
    FILINGS,
    key="testyearly",
    label="测试年度申报",
    period_kind=PeriodKind.YEAR,
    steps=ALL_STEPS - {Step.SUMMARY},
)


@pytest.fixture
def signed_in(client: Client, clerk: Any) -> Client:
    client.force_login(clerk)
    return client


def _page(client: Client, family: Family, **query: str) -> str:
    url = reverse("declarations:family_generate", kwargs={"family": family.key})
    return client.get(url, query).content.decode()


@pytest.mark.django_db
def test_the_dialog_offers_the_familys_businesses_and_a_year(signed_in, monkeypatch):
    monkeypatch.setitem(base._REGISTRY, YEARLY.key, YEARLY)
    html = _page(signed_in, YEARLY, period="2026")
    assert "选择想要申报的业务" in html and "测试备案乙（T0102001）" in html
    assert '<label for="id_period">申报年</label>' in html
    assert 'name="period" value="2026"' in html


@pytest.mark.django_db
def test_a_family_without_periods_shows_no_period(signed_in, monkeypatch):
    monkeypatch.setitem(base._REGISTRY, FILINGS.key, FILINGS)
    html = _page(signed_in, FILINGS)
    assert "所属期" not in html and "申报年" not in html
    assert "选择想要申报的业务" in html


@pytest.mark.django_db
def test_one_live_batch_per_business_and_period_and_none_without_a_period(enterprise):
    fields = {"family": "testfilings", "status": BatchStatus.GENERATED}
    make_batch(enterprise, business_code="T0101001", period="2026", **fields)
    make_batch(enterprise, business_code="T0102001", period="2026", **fields)  # other business
    make_batch(enterprise, business_code="T0101001", period="", **fields)
    make_batch(enterprise, business_code="T0101001", period="", batch_no="02", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_batch(enterprise, business_code="T0101001", period="2026", batch_no="02", **fields)
