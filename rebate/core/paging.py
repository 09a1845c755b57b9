"""The record lists' pager: an exact 「共 N 条」 up to EXACT_LIMIT rows, an estimate above.

PostgreSQL answers COUNT(*) by visiting every matching row (MVCC: any row may be invisible to
this transaction), so an enterprise with a million 明细 lines paid ~100 ms per page view for a
number nobody reads to the unit (the bench's 明细 list at 1M lines). Counting stops after
EXACT_LIMIT + 1 rows; past that the planner's row estimate is shown as 「约 N 条」. SQLite
counts from the index quickly enough, and other lists are small, so they count exactly.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

EXACT_LIMIT = 10_000


class CappedCountPaginator(Paginator):  # type: ignore[type-arg]  # not subscriptable at runtime
    _estimated = False

    @property
    def estimated(self) -> bool:
        """Whether `count` is the planner's estimate (「约」) rather than a count."""
        return bool(self.count is not None and self._estimated)

    @cached_property
    def count(self) -> int:
        queryset = self._queryset()
        if queryset is None or connections[queryset.db].vendor != "postgresql":
            return int(super().count)
        capped = queryset.order_by()[: EXACT_LIMIT + 1].count()
        if capped <= EXACT_LIMIT:
            return capped
        self._estimated = True
        return max(planner_estimate(queryset), capped)

    def _queryset(self) -> QuerySet[Any] | None:
        """The QuerySet under django-tables2's BoundRows → TableQuerysetData, if any."""
        rows: Any = self.object_list
        data = getattr(getattr(rows, "data", None), "data", rows)
        return data if isinstance(data, QuerySet) else None


def planner_estimate(queryset: QuerySet[Any]) -> int:
    """PostgreSQL's estimate of the number of rows `queryset` returns (no rows are read)."""
    sql, params = queryset.order_by().query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
