"""The record lists' pager counts exactly up to EXACT_LIMIT, and above it (PostgreSQL only)
shows the planner's estimate as 约 N 条."""

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
    else:
        assert (pager.count, pager.estimated) == (25, False)
    assert len(pager.page(1).object_list) == 5
