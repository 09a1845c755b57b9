"""rate_lookup: exact code, 10-digit parent, agreeing / ambiguous children, validity, command."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from rebate.codes.selectors import (
    AmbiguousCode,
    RateNotFound,
    rate_entries,
    rate_entry_ids,
    rate_lookup,
)

from .archive import Row

LIBRARY = [
    Row("8507600090", end_date="20241130", tsl=13, name="锂电池"),
    Row("8507600090", st_date="20241201", tsl=9, name="锂电池"),
    Row("8501109990", tsl=13, name="微电机"),
    Row("850110999001", tsl=13, name="微电机（特定）"),
    # children agreeing under a 10-digit code absent from the library
    Row("940540000001", tsl=13, name="灯具甲"),
    Row("940540000002", tsl=13, name="灯具乙"),
    # children that differ
    Row("761699000001", tsl=13, name="铝制品甲"),
    Row("761699000002", tsl=0, name="铝制品乙"),
    Row("7208100000", st_date="20200101", end_date="20210430", tsl=13, name="热轧卷材"),
    Row("7208100000", st_date="20210501", tsl=0, tsflag="1", name="热轧卷材"),
]

CASES = [
    # query, date, expected code, rebate rate, match
    ("8507600090", date(2024, 11, 30), "8507600090", "0.13", "exact"),
    ("8507600090", date(2024, 12, 1), "8507600090", "0.09", "exact"),
    ("850110999001", date(2025, 1, 1), "850110999001", "0.13", "exact"),
    ("850110999099", date(2025, 1, 1), "8501109990", "0.13", "parent"),
    ("9405400000", date(2025, 1, 1), "940540000001", "0.13", "children"),
    ("7208100000", date(2021, 4, 30), "7208100000", "0.13", "exact"),
    ("7208100000", date(2021, 5, 1), "7208100000", "0", "exact"),
    (" 8501109990 ", date(2025, 1, 1), "8501109990", "0.13", "exact"),
]


@pytest.fixture
def loaded(library):
    return library(LIBRARY, version="2026B")


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "on", "code", "rate", "match"), CASES)
def test_lookup(loaded, query, on, code, rate, match) -> None:
    row = rate_lookup(query, on)
    assert (row.code, str(row.rebate_rate.normalize()), row.match) == (code, rate, match)
    assert row.version == "2026B" and row.levy_rate == Decimal("0.13")


@pytest.mark.django_db
def test_ambiguous_parent_names_the_children(loaded) -> None:
    with pytest.raises(AmbiguousCode) as caught:
        rate_lookup("7616990000", date(2025, 1, 1))
    assert caught.value.children == ("761699000001", "761699000002")
    assert "761699000001、761699000002" in str(caught.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "on", "message"),
    [
        ("9999999999", date(2025, 1, 1), "退税率文库中没有商品代码 9999999999"),
        ("8507600090", date(2019, 12, 31), "不在有效期内"),
        ("85", date(2025, 1, 1), "没有商品代码 85"),
    ],
)
def test_not_found(loaded, query, on, message) -> None:
    with pytest.raises(RateNotFound, match=message):
        rate_lookup(query, on)


@pytest.mark.django_db
def test_no_library_at_all() -> None:
    with pytest.raises(RateNotFound, match="尚未导入退税率文库"):
        rate_lookup("8507600090", date(2025, 1, 1))


@pytest.mark.django_db
def test_search_by_prefix_name_date_and_nonrefundable(loaded) -> None:
    assert rate_entries(code_prefix="8507").count() == 2
    assert rate_entries(code_prefix="8507", on_date=date(2025, 1, 1)).count() == 1
    assert [r.code for r in rate_entries(name="灯具")] == ["940540000001", "940540000002"]
    nonrefundable = {(r.code, r.valid_from) for r in rate_entries(nonrefundable=True)}
    assert nonrefundable == {("761699000002", date(2020, 1, 1)), ("7208100000", date(2021, 5, 1))}


@pytest.mark.django_db
def test_command_prints_one_json_object(loaded, capsys) -> None:
    call_command("rate_lookup", "8507600090", "--date", "2024-12-01")
    payload = json.loads(capsys.readouterr().out)
    assert payload == {
        "code": "8507600090",
        "name": "锂电池",
        "unit_code": "007",
        "unit": "个",
        "levy_rate": "0.13",
        "rebate_rate": "0.09",
        "valid_from": "2024-12-01",
        "valid_to": "2099-12-31",
        "special_flag": "",
        "version": "2026B",
        "is_sample": False,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "message"),
    [("9999999999", "没有商品代码 9999999999"), ("7616990000", "761699000001、761699000002")],
)
def test_command_exits_1_with_a_message(loaded, capsys, code, message) -> None:
    with pytest.raises(SystemExit) as caught:
        call_command("rate_lookup", code, "--date", "2025-01-01")
    assert caught.value.code == 1
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"code_prefix": "8507"},
        {"code_prefix": "8507", "on_date": date(2025, 1, 1)},
        {"name": "灯具"},
        {"name": "铝制品", "nonrefundable": True},
        {"nonrefundable": True, "on_date": date(2021, 5, 1)},
        {"name": "不存在"},
    ],
)
def test_in_memory_search_matches_the_queryset(loaded, filters) -> None:
    expected = list(rate_entries(**filters).values_list("id", flat=True))
    assert rate_entry_ids(**filters) == expected


@pytest.mark.django_db
def test_switching_the_active_library_answers_the_next_lookup(library) -> None:
    """The active version is remembered per process; a switch is seen at once here."""
    from rebate.codes.services import rate_library_activate

    library([Row("8501109990", tsl=13, name="微电机")], version="2026A")
    library([Row("8501109990", tsl=9, name="微电机")], version="2026B")
    rate_library_activate(version="2026A")
    assert rate_lookup("8501109990", date(2025, 1, 1)).rebate_rate == Decimal("0.13")
    rate_library_activate(version="2026B")
    row = rate_lookup("8501109990", date(2025, 1, 1))
    assert (row.version, row.rebate_rate) == ("2026B", Decimal("0.09"))
