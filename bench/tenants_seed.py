"""Seeding many enterprises' 明细 lines fast on PostgreSQL (bench/bench_tenants.py, issue 22).

Value by value (psycopg's write_row over the records bench's values) COPY ran ~4,300 lines/s on
the shared 2-core machine, 60 % of it building and adapting Python values: 5,000,000 lines
would take ~20 min. Here one enterprise's lines are COPYed that way once, read back as COPY
text, and the same text is sent for every other enterprise with only its id in front, so
Python does one bytes join per enterprise. As PostgreSQL's "Populating a Database" advises for a
bulk load, the secondary indexes are dropped first and built once at the end, and the
foreign-key triggers are off meanwhile (session_replication_role = replica: the enterprises
were created just before, in this process).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any


@dataclass
class Seeded:
    lines: int
    copy_seconds: float
    index_seconds: float


def copy_lines(enterprise_ids: list[int], per_enterprise: int) -> Seeded:
    """`per_enterprise` lines for each enterprise over the 12 periods of 2026."""
    from django.db import connection

    from rebate.goods.models import ExportLine

    table = ExportLine._meta.db_table
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor: COPY has no DB-API form
        cursor.execute("SET maintenance_work_mem = '256MB'")
        cursor.execute("SET session_replication_role = replica")
        indexes = _drop_secondary_indexes(cursor, table)
        start = time.perf_counter()
        try:
            template = _first_enterprise(cursor, enterprise_ids[0], per_enterprise)
            for enterprise_id in enterprise_ids[1:]:
                prefix = b"%d\t" % enterprise_id
                with cursor.copy(f"COPY {table} ({template.columns}) FROM STDIN") as copy:
                    copy.write(prefix + (b"\n" + prefix).join(template.lines) + b"\n")
            copied = time.perf_counter() - start
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
            built = time.perf_counter()
            for definition in indexes:
                cursor.execute(definition)
    return Seeded(per_enterprise * len(enterprise_ids), copied, time.perf_counter() - built)


@dataclass
class Template:
    columns: str  # enterprise_id first
    lines: list[bytes]  # COPY text of one enterprise's lines without the enterprise id


def _first_enterprise(cursor: Any, enterprise_id: int, count: int) -> Template:
    from bench.bench_records import _values
    from rebate.goods.models import ExportLine

    table = ExportLine._meta.db_table
    fields = [f for f in ExportLine._meta.concrete_fields if not f.primary_key]
    fields.sort(key=lambda f: f.name != "enterprise")  # its id first: the part that changes
    columns = ", ".join(f.column for f in fields)
    now = dt.datetime.now(dt.UTC)
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for n in range(count):
            copy.write_row(_values(fields, enterprise_id, n, n, f"2026{n % 12 + 1:02d}", now))
    rest = ", ".join(f.column for f in fields[1:])
    query = f"COPY (SELECT {rest} FROM {table} WHERE enterprise_id = {enterprise_id}) TO STDOUT"
    with cursor.copy(query) as copy:
        text = b"".join(bytes(chunk) for chunk in copy)
    return Template(columns, text.rstrip(b"\n").split(b"\n"))


def _drop_secondary_indexes(cursor: Any, table: str) -> list[str]:
    """Drop the table's indexes that are not unique (the primary key stays); their CREATE INDEX statements."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "JOIN pg_class c ON c.relname = i.indexname "
        "JOIN pg_index x ON x.indexrelid = c.oid "
        "WHERE i.tablename = %s AND i.schemaname = current_schema() AND NOT x.indisunique",
        [table],
    )
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]
