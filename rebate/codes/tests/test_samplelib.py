"""The SAMPLE rate library's dated steps (公告2024年第15号, 2026年第2号; DOMAIN §16), on both
sides of each date, through rate_lookup and `manage.py rate_lookup`; labelled 非官方."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from rebate.codes.models import RateEntry, RateLibraryVersion
from rebate.codes.selectors import rate_lookup
from rebate.codes.services.samplelib import (
    EXTRA_CODES,
    SAMPLE_NOTE,
    SAMPLE_VERSION,
    sample_entries,
)

D = Decimal
HS_DIR = Path(__file__).resolve().parents[1] / "data" / "hs"
ITEMS = (
    ("8507600090", "锂离子蓄电池", D("0.13")),
    ("7606112000", "铝板", D("0.13")),
    ("7408110000", "精炼铜丝", D("0.13")),
    ("8501109990", "微电机", D("0.13")),
)


def build_sample(version: str = SAMPLE_VERSION, active: bool = True) -> RateLibraryVersion:
    """The sample library over a few commodities (and its EXTRA_CODES), as load_sample_library
    builds it from the whole 2020 list."""
    items = [SimpleNamespace(code=c, name=n, vat_rate=v, first_unit="007") for c, n, v in ITEMS]
    library = RateLibraryVersion.objects.create(
        version=version, is_sample=True, note=SAMPLE_NOTE, active=active
    )
    entries = sample_entries(items, {"007": "个"})  # type: ignore[arg-type]
    for entry in entries:
        entry.library = library
    RateEntry.objects.bulk_create(entries)
    return library


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "on", "rate"),
    [
        ("8507600090", date(2024, 11, 30), "0.13"),
        ("8507600090", date(2024, 12, 1), "0.09"),
        ("8507600090", date(2026, 3, 31), "0.09"),
        ("8507600090", date(2026, 4, 1), "0.06"),
        ("8507600090", date(2026, 12, 31), "0.06"),
        ("8507600090", date(2027, 1, 1), "0"),
        ("8507600090", date(2027, 1, 2), "0"),  # a future-dated row already in the library
        ("8541430000", date(2024, 11, 30), "0.13"),
        ("8541430000", date(2026, 3, 31), "0.09"),
        ("8541430000", date(2026, 4, 1), "0"),
        ("7606112000", date(2024, 11, 30), "0.13"),
        ("7606112000", date(2024, 12, 1), "0"),
        ("7408110000", date(2024, 12, 1), "0"),
        ("8501109990", date(2027, 1, 2), "0.13"),
    ],
)
def test_dated_rates_on_both_sides(code: str, on: date, rate: str) -> None:
    build_sample()
    row = rate_lookup(code, on)
    assert row.rebate_rate == D(rate) and row.is_sample and row.version == SAMPLE_VERSION


@pytest.mark.django_db
def test_rate_lookup_command_answers_the_dated_rate(capsys) -> None:
    build_sample()
    for on, rate in (("2026-12-31", "0.06"), ("2027-01-02", "0")):
        call_command("rate_lookup", "8507600090", "--date", on)
        answer = json.loads(capsys.readouterr().out)
        assert D(answer["rebate_rate"]) == D(rate) and answer["version"] == SAMPLE_VERSION
    assert "非官方" in RateLibraryVersion.objects.get().note


@pytest.mark.django_db
def test_pv_8541430000_is_an_hs2022_exception_row_not_in_the_2020_list() -> None:
    assert [row[0] for row in EXTRA_CODES] == ["8541430000"]
    listed = (HS_DIR / "commodity_codes_2020.csv").read_text(encoding="utf-8")
    codes_2020 = {line.split(",", 1)[0] for line in listed.splitlines()}
    assert "8541430000" not in codes_2020 and "8541402000" in codes_2020
    build_sample()
    assert RateEntry.objects.filter(code="8541430000").count() == 3  # 13%, 9%, 0
