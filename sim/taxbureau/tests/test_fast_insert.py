"""sim.customs.bulk.fast_insert: every row arrives with its typed values, across statement
batches, and ignore_conflicts keeps what is there (both backends: make test runs this on
SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sim.customs import bulk
from sim.customs.bulk import fast_insert
from sim.taxbureau.models import Enterprise, RateRow

pytestmark = pytest.mark.django_db
RATE_COLUMNS = (
    "code", "name", "valid_from", "valid_to", "unit", "levy_rate", "rebate_rate", "is_basic",
)  # fmt: skip


def _rate(n: int) -> tuple[object, ...]:
    return (f"9999{n:06d}", f"电机{n}", date(2026, 1, 1), date(2026, 12, 31), "007",
            Decimal("0.13"), Decimal(n % 14) / 100, n % 2 == 0)  # fmt: skip


def test_rows_arrive_with_their_values_across_batches(monkeypatch) -> None:
    monkeypatch.setattr(bulk, "BATCH", 3)  # 7 rows: SQLite's batches of 3, 3 and 1
    assert fast_insert(RateRow, RATE_COLUMNS, (_rate(n) for n in range(7))) == 7
    mine = RateRow.objects.filter(code__startswith="9999")  # the session may hold seeded rows
    stored = list(mine.order_by("code").values_list(*RATE_COLUMNS))
    assert stored == [_rate(n) for n in range(7)]


def test_an_empty_input_inserts_nothing() -> None:
    assert fast_insert(RateRow, RATE_COLUMNS, iter(())) == 0
    assert not RateRow.objects.filter(code__startswith="9999").exists()


def test_ignore_conflicts_keeps_the_row_already_there() -> None:
    Enterprise.objects.create(customs_code="4403969Z01", uscc="X", name="已有")
    columns = ("customs_code", "uscc", "name", "category", "self_check_delay_seconds",
               "review_delay_seconds", "force_return_reason")  # fmt: skip
    rows = [("4403969Z01", "Y", "新的", 2, 0, 0, ""), ("4403969Z02", "Z", "另一家", 2, 0, 0, "")]
    assert fast_insert(Enterprise, columns, rows, ignore_conflicts=True) == 2
    fast_insert(Enterprise, columns, rows[1:], ignore_conflicts=True)  # twice in a transaction
    mine = Enterprise.objects.filter(customs_code__startswith="4403969Z")
    assert dict(mine.values_list("customs_code", "name")) == {
        "4403969Z01": "已有", "4403969Z02": "另一家",
    }  # fmt: skip


def test_rows_may_read_the_database_as_they_are_made(monkeypatch) -> None:
    """The exchange's rows come from a feed that queries as it goes; on PostgreSQL a COPY
    held open across them waited for itself (the suite hung)."""
    monkeypatch.setattr(bulk, "BATCH", 2)

    def reading():
        for n in range(5):
            RateRow.objects.filter(code__startswith="9999").count()
            yield _rate(n)

    assert fast_insert(RateRow, RATE_COLUMNS, reading()) == 5
    assert RateRow.objects.filter(code__startswith="9999").count() == 5
