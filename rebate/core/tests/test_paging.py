"""The record lists' pager counts exactly up to EXACT_LIMIT, and above it shows the planner's
estimate as 约 N 条 (PostgreSQL) or the rows it counted as 超过 N 条 (SQLite)."""

from __future__ import annotations

import pytest
from django.db import connection

from rebate.core import paging
from rebate.core.models import StatusChange

pytestmark = pytest.mark.django_db


def changes(enterprise, count: int) -> None:
    StatusChange.objects.bulk_create(
        StatusChange(enterprise=enterprise, object_type="t", object_id=str(n), from_state="a",
                     to_state="b")
        for n in range(count)
    )  # fmt: skip


def test_small_lists_are_counted_exactly(enterprise, monkeypatch) -> None:
    monkeypatch.setattr(paging, "EXACT_LIMIT", 10)
    changes(enterprise, 7)
    pager = paging.CappedCountPaginator(StatusChange.objects.filter(enterprise=enterprise), 5)
    assert (pager.count, pager.num_pages, pager.estimated) == (7, 2, False)


def test_large_lists_show_an_estimate_of_at_least_the_counted_rows(enterprise, monkeypatch):
    monkeypatch.setattr(paging, "EXACT_LIMIT", 10)
    changes(enterprise, 25)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "ANALYZE core_statuschange")
    pager = paging.CappedCountPaginator(StatusChange.objects.filter(enterprise=enterprise), 5)
    if connection.vendor == "postgresql":
        assert pager.estimated and pager.count >= 11  # never below what was counted
        assert paging.planner_estimate(StatusChange.objects.all()) > 0
    else:  # counted up to the limit only: at least 11 rows
        assert (pager.count, pager.estimated, pager.at_least) == (11, False, True)
    assert len(pager.page(1).object_list) == 5


def test_a_deep_page_is_counted_to_and_the_last_one_exactly(enterprise, monkeypatch) -> None:
    monkeypatch.setattr(paging, "EXACT_LIMIT", 10)
    changes(enterprise, 25)
    rows = StatusChange.objects.filter(enterprise=enterprise).order_by("id")
    deep = paging.CappedCountPaginator(rows, 5)
    assert len(deep.page(4).object_list) == 5 and deep.page(4).has_next()
    assert deep.count >= 21  # counted past page 4, never short of it
    last = paging.CappedCountPaginator(rows, 5)
    assert len(last.page(5).object_list) == 5
    assert (last.count, last.estimated, last.at_least, last.page(5).has_next()) == (
        25, False, False, False,
    )  # fmt: skip
