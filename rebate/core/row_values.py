"""INSERT of plain row values, without model instances: for rows nobody holds as objects
afterwards (a self-check's tens of thousands of 疑点), where building each instance cost more
than its INSERT (rebate.core.rows builds and validates instances; this only writes)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH = 5000


def insert_values(
    model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]], **common: Any
) -> None:
    """INSERT rows of plain, clean values (columns by attname: `names`, then `common`'s shared
    values), one executemany per 5,000 rows: no instances, no keys read back — for rows nobody
    holds as objects afterwards (a self-check's 疑点). Unnamed auto_now(_add) columns get one
    timestamp. Call inside a transaction."""
    auto = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)
            or getattr(f, "auto_now_add", False)]  # fmt: skip
    stamped = [f for f in auto if f.attname not in names and f.attname not in common]
    now = timezone.now()
    shared = (*common.values(), *(f.get_db_prep_save(now, connection) for f in stamped))
    attnames = [*names, *common, *(f.attname for f in stamped)]
    quote = connection.ops.quote_name
    column = {f.attname: str(f.column) for f in model._meta.concrete_fields}
    columns = ", ".join(quote(column[a]) for a in attnames)
    marks = ", ".join(["%s"] * len(attnames))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append((*row, *shared))
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
