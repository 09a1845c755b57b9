"""The record lists' pager: an exact 「共 N 条」 up to EXACT_LIMIT rows, a bound or estimate above.

A COUNT(*) visits every matching row (PostgreSQL for MVCC, SQLite along an index), so an
enterprise with a million 明细 lines paid for a number nobody reads to the unit: ~100 ms per
page view on PostgreSQL, 0.3–3.5 s on SQLite (the bench's 明细 list at 1M lines on a loaded
machine). Counting stops after EXACT_LIMIT + 1 rows (or the rows up to the page asked for,
when deeper); past that PostgreSQL shows its planner's row estimate as 「约 N 条」 and SQLite,
which has no such estimate, the rows it counted as 「超过 N 条」 (next pages stay reachable).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.utils.functional import cached_property

EXACT_LIMIT = 10_000


class CappedCountPaginator(Paginator):  # type: ignore[type-arg]  # not subscriptable at runtime
    _estimated = False
    _at_least = False
    _asked = 1

    @property
    def estimated(self) -> bool:
        """Whether `count` is the planner's estimate (「约」) rather than a count."""
        return bool(self.count is not None and self._estimated)

    @property
    def at_least(self) -> bool:
        """Whether `count` is a lower bound (「超过」): rows were counted up to a limit only."""
        return bool(self.count is not None and self._at_least)

    def validate_number(self, number: Any) -> int:
        """The page asked for bounds the count (a deep page must stay inside it)."""
        with contextlib.suppress(TypeError, ValueError):
            self._asked = max(int(number), 1)
        return int(super().validate_number(number))

    @cached_property
    def count(self) -> int:
        queryset = self._queryset()
        if queryset is None:
            return int(super().count)
        deep = self._asked * self.per_page if self._asked > 1 else 0  # and one row past it
        limit = max(EXACT_LIMIT, deep)
        capped = queryset.order_by()[: limit + 1].count()
        if capped <= limit:
            return capped
        if connections[queryset.db].vendor == "postgresql":
            self._estimated = True
            return max(planner_estimate(queryset), capped)
        self._at_least = True
        return int(capped)

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


# A check's results (数据一致性检查 problems, 自检 疑点) are read on the page in full: paged, with
# the total and the counts per code and level, each count a link that lists only those rows.
RESULTS_PER_PAGE = 100


@dataclass(frozen=True)
class Tally:
    value: str
    label: str
    count: int
    href: str
    active: bool


@dataclass(frozen=True)
class ResultList:
    page: Page  # type: ignore[type-arg]
    total: int  # every result of the run
    by_code: list[Tally]
    by_level: list[Tally]
    filtered: bool  # a code or level is chosen: `page` lists only those
    all_href: str
    previous_href: str
    next_href: str

    @property
    def shown(self) -> int:
        return int(self.page.paginator.count)


def tally(queryset: QuerySet[Any], field: str) -> list[tuple[str, int]]:
    """(value, number of rows) of `field` over `queryset`, in the order of the values."""
    grouped = queryset.order_by().values_list(field).annotate(n=Count("pk")).order_by(field)
    return [(str(value), int(n)) for value, n in grouped]


def result_list(
    queryset: QuerySet[Any],
    params: QueryDict,
    prefix: str,
    *,
    level_labels: Mapping[str, str] | None = None,
    anchor: str = "",
    per_page: int = RESULTS_PER_PAGE,
) -> ResultList:
    """One page of `queryset` (rows with `code` and `level`) as asked by `params`:
    `<prefix>page`, and `<prefix>code` / `<prefix>level` to list only one code or level.
    Links keep every other parameter of the page (所属期, the other list's state)."""
    codes, levels = tally(queryset, "code"), tally(queryset, "level")
    chosen = {
        "code": _chosen(params, prefix + "code", codes),
        "level": _chosen(params, prefix + "level", levels),
    }
    rows = queryset.filter(**{k: v for k, v in chosen.items() if v})
    page = Paginator(rows, per_page).get_page(params.get(prefix + "page"))

    def href(**changes: str | int | None) -> str:
        query = params.copy()
        for key, value in changes.items():
            query.pop(prefix + key, None)
            if value:
                query[prefix + key] = str(value)
        return f"?{query.urlencode()}{anchor}"

    def counts(field: str, grouped: list[tuple[str, int]]) -> list[Tally]:
        labels = (level_labels or {}) if field == "level" else {}
        return [
            Tally(value, labels.get(value, value), n, href(page=None, **{field: value}),
                  chosen[field] == value)
            for value, n in grouped
        ]  # fmt: skip

    return ResultList(
        page=page,
        total=sum(n for _, n in codes),
        by_code=counts("code", codes),
        by_level=counts("level", levels),
        filtered=any(chosen.values()),
        all_href=href(page=None, code=None, level=None),
        previous_href=href(page=page.previous_page_number()) if page.has_previous() else "",
        next_href=href(page=page.next_page_number()) if page.has_next() else "",
    )


def _chosen(params: QueryDict, key: str, grouped: list[tuple[str, int]]) -> str:
    value = params.get(key, "")
    return value if value in {v for v, _ in grouped} else ""
