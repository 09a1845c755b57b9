"""Set-based writes of many model instances: column-wise validation, multi-row INSERT, and
per-row UPDATE through one executemany (the instances themselves: core.instances).

Why not `full_clean` per instance and `bulk_create`: for 10,000 明细 lines those two spent
~90 % of an import or 生成退税 in Django's per-object, per-field machinery (the bench's
profile). The rules are the same ones — each model field's own `clean` (to_python, choices,
max_length, validators) — run once per distinct value of a column instead of once per cell,
since a field's validation depends on the value alone. Values then go to the driver as they
are, except where Django must adapt them for the database (aware datetimes on SQLite, JSON).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import Any

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone

# Column types whose Python values both drivers (sqlite3 with Django's adapters, psycopg) bind
# exactly as Django would after get_db_prep_save. Everything else goes through Django. A
# TextChoices member is a str subclass: sqlite3 binds any str as text, and psycopg picks its
# str dumper (str precedes Enum in the member's MRO), as Django's own saves rely on.
PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.DecimalField,
    models.BooleanField,
    models.ForeignKey,
)
PLAIN_KINDS = {str, int, datetime.date, datetime.datetime}  # equal values validate alike
MAX_PARAMETERS = 30_000  # under SQLite's 32,766 host parameters per statement
Converter = Callable[[Any], Any]


def _plain(value: Any) -> Any:
    return value


def _converter(field: models.Field[Any, Any]) -> Converter:
    if isinstance(field, models.DateTimeField):
        return _datetime_converter(field)
    if isinstance(field, (models.DateField, *PLAIN_FIELDS)):  # a date binds as ISO text or date
        return _plain
    return lambda value: field.get_db_prep_save(value, connection)


def _bound_values(
    columns: Sequence[tuple[Any, str, Converter]], objects: Iterable[Any]
) -> list[list[Any]]:
    """Each object's column values as the driver binds them: read in C by attrgetter, and
    only the columns that need adapting (timestamps) touched in Python."""
    names = [name for _, name, _ in columns]
    read = attrgetter(*names) if len(names) > 1 else (lambda o: (getattr(o, names[0]),))
    adapted = [(i, convert) for i, (_, _, convert) in enumerate(columns) if convert is not _plain]
    rows = [list(read(obj)) for obj in objects]
    for row in rows:
        for i, convert in adapted:
            row[i] = convert(row[i])
    return rows


def _datetime_converter(field: models.Field[Any, Any]) -> Converter:
    """Every row of one write carries the same timestamp: adapt it once, not per row."""
    latest: list[tuple[Any, Any]] = [(object(), None)]  # one tuple: consistent across threads

    def convert(value: Any) -> Any:
        pair = latest[0]
        if pair[0] is not value:
            pair = (value, field.get_db_prep_save(value, connection))
            latest[0] = pair
        return pair[1]

    return convert


@cache
def _columns(model: type[models.Model], vendor: str) -> tuple[tuple[Any, str, Converter], ...]:
    """(field, attname, converter) of every concrete column except the primary key."""
    return tuple(
        (f, f.attname, _converter(f)) for f in model._meta.concrete_fields if not f.primary_key
    )


def _stamp(objects: Sequence[Any], model: type[models.Model], adding: bool) -> None:
    """What Field.pre_save would do for auto_now / auto_now_add columns, once for all rows."""
    now = timezone.now()
    for field in model._meta.concrete_fields:
        auto_now = getattr(field, "auto_now", False)
        if auto_now or (adding and getattr(field, "auto_now_add", False)):
            for obj in objects:
                setattr(obj, field.attname, now)


def insert(model: type[models.Model], objects: Sequence[Any]) -> list[Any]:
    """INSERT `objects` and set each one's pk, as bulk_create does, without its per-value
    SQL compilation. Call inside a transaction."""
    if not objects:
        return []
    columns = _columns(model, connection.vendor)
    _stamp(objects, model, adding=True)
    quote = connection.ops.quote_name
    # Table and column names come from _meta; values are parameters.
    names = ", ".join(quote(f.column) for f, _, _ in columns)
    head = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES "  # noqa: S608
    row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    returning = f" RETURNING {quote(str(model._meta.pk and model._meta.pk.column))}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg parses a query's text for placeholders on every execute: one row's
            # statement through executemany (a pipeline) is parsed once.
            params = _bound_values(columns, objects)
            _assign(objects, _executemany_returning(cursor, head + row_marks + returning, params))
            return list(objects)
        per_statement = max(1, MAX_PARAMETERS // len(columns))
        for start in range(0, len(objects), per_statement):
            chunk = objects[start : start + per_statement]
            flat = list(chain.from_iterable(_bound_values(columns, chunk)))
            cursor.execute(head + ", ".join([row_marks] * len(chunk)) + returning, flat)
            _assign(chunk, [row[0] for row in cursor.fetchall()])
    return list(objects)


def _executemany_returning(cursor: Any, sql: str, params: list[list[Any]]) -> list[Any]:
    raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no `returning`
    raw.executemany(sql, params, returning=True)
    ids = []
    while True:
        ids.append(raw.fetchone()[0])
        if not raw.nextset():
            return ids


def _assign(objects: Sequence[Any], ids: Sequence[Any]) -> None:
    for obj, new_id in zip(objects, ids, strict=True):
        obj.pk = new_id
        obj._state.adding = False
        obj._state.db = connection.alias


def update(model: type[models.Model], objects: Sequence[Any], names: Sequence[str]) -> None:
    """UPDATE … SET the named columns WHERE id = … for every object, as one executemany.

    Django's bulk_update builds CASE WHEN id=… chains that grow with the batch (10,000 lines:
    seconds on SQLite); each line's computed columns differ, so one UPDATE per row is the
    honest shape, and executemany sends them in one round of the driver."""
    if not objects:
        return
    by_name = {
        f.name: (f, attname, convert) for f, attname, convert in _columns(model, connection.vendor)
    }
    chosen = [by_name[n] for n in names]
    if any(getattr(f, "auto_now", False) for f, _, _ in chosen):
        _stamp(objects, model, adding=False)
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(f.column)} = %s" for f, _, _ in chosen)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE id = %s"  # noqa: S608
    params = _bound_values([*chosen, (None, "pk", _plain)], objects)
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


class RowsInvalid(ValidationError):
    """Validation errors of many rows: a ValidationError keyed by field whose messages name
    the row (第N行), plus `failures` (row number from 1, field name, message) for callers that
    report rows their own way (the Excel import names the sheet row and column)."""

    def __init__(self, failures: list[tuple[int, str, str]], numbered: bool) -> None:
        by_field: dict[str, list[str]] = {}
        for index, name, message in failures:
            by_field.setdefault(name, []).append(f"第{index}行：{message}" if numbered else message)
        super().__init__(by_field)
        self.failures = failures


def validate(
    objects: Sequence[Any], exclude: Iterable[str] = (), *, constraints: bool = True
) -> None:
    """The checks of `full_clean(exclude, validate_unique=False, validate_constraints=…)` on
    every object, column-wise; raises RowsInvalid. A column's field is cleaned once per
    distinct value, and the cleaned value is written back to every row holding it, as
    clean_fields does."""
    if not objects:
        return
    model = type(objects[0])
    skipped = set(exclude)
    failures: list[tuple[int, str, str]] = []
    for field in model._meta.fields:
        if field.name not in skipped and not field.primary_key:
            failures += [(i, field.name, m) for i, m in _validate_column(field, objects)]
    constraints = constraints and bool(model._meta.constraints)
    if _has_own_clean(model) or constraints:
        failed = skipped | {name for _, name, _ in failures}
        failures += _validate_objects(objects, failed, constraints)
    if failures:
        failures.sort(key=lambda failure: failure[0])
        raise RowsInvalid(failures, numbered=len(objects) > 1)


def _validate_objects(
    objects: Sequence[Any], failed: set[str], constraints: bool
) -> list[tuple[int, str, str]]:
    """Model.clean and the model's constraints (a query each), per object: they may read
    several fields."""
    failures: list[tuple[int, str, str]] = []
    for index, obj in enumerate(objects, start=1):
        try:
            obj.clean()
            if constraints:
                obj.validate_constraints(exclude=failed)
        except ValidationError as exc:
            for name, errors in exc.update_error_dict({}).items():
                failures += [(index, name, m) for m in ValidationError(errors).messages]
    return failures


def _has_own_clean(model: type[models.Model]) -> bool:
    return model.clean is not models.Model.clean


def _plain_amount_check(field: Any) -> Callable[[Any], bool] | None:
    """For a DecimalField whose only rule is its digits and places: a quick test that a value
    certainly passes (a Decimal with exactly `decimal_places` places and few enough digits:
    what rebate.calc's quantized amounts are). Anything else takes the field's own clean."""
    if not isinstance(field, models.DecimalField) or field.choices or len(field.validators) != 1:
        return None
    quantum = Decimal(1).scaleb(-field.decimal_places)
    limit = Decimal(10) ** (field.max_digits - field.decimal_places)

    def passes(value: Any) -> bool:
        return value.__class__ is Decimal and value.same_quantum(quantum) and -limit < value < limit

    return passes


def _plain_text_check(field: Any) -> Callable[[Any], bool] | None:
    """For a CharField whose rules are its length and regular expressions: a quick test that
    a value certainly passes; anything else takes the field's own clean."""
    if not isinstance(field, models.CharField) or field.choices:
        return None
    patterns, limit = [], None
    for validator in field.validators:
        if isinstance(validator, validators.RegexValidator) and not validator.inverse_match:
            patterns.append(re.compile(validator.regex))  # compiled already: returned as is
        elif isinstance(validator, validators.MaxLengthValidator):
            limit = validator.limit_value
        elif not isinstance(validator, validators.ProhibitNullCharactersValidator):
            return None
    if limit is None or callable(limit):
        return None

    def passes(value: Any) -> bool:
        return (
            value.__class__ is str
            and 0 < len(value) <= limit
            and "\x00" not in value
            and all(p.search(value) for p in patterns)
        )

    return passes


def _validate_column(field: Any, objects: Sequence[Any]) -> list[tuple[int, str]]:
    """(row number, message) for every object whose value of `field` fails its clean().

    Values a quick test passes are done; each other distinct value is cleaned once, and rows
    are visited again only when a value failed or clean() changed it. Decimals are told apart
    by their text: Decimal('0.10') and Decimal('0.100') are equal, yet only one has two places."""
    values = list(map(attrgetter(field.attname), objects))
    surely_valid = _plain_amount_check(field) or _plain_text_check(field)
    # Equal strings validate alike: a text column is tested once per distinct value (most of
    # a 生成退税's 30,000 lines share their period, names, codes and blanks).
    distinct: Iterable[Any] = set(values) if set(map(type, values)) == {str} else values
    pending = [v for v in distinct if surely_valid is None or not surely_valid(v)]
    if not pending:
        return []
    key = _key_for(pending)
    outcomes: dict[Any, tuple[Any, Any, list[str]]] = {}  # key → (value, cleaned, messages)
    for k, value in {key(v): v for v in pending}.items():
        if field.blank and value in field.empty_values:
            continue
        try:
            outcomes[k] = (value, field.clean(value, None), [])
        except ValidationError as exc:
            outcomes[k] = (value, value, exc.messages)
    if not any(messages or cleaned is not value for value, cleaned, messages in outcomes.values()):
        return []
    failures: list[tuple[int, str]] = []
    for index, (obj, value) in enumerate(zip(objects, values, strict=True), start=1):
        if surely_valid is not None and surely_valid(value):
            continue
        _, cleaned, messages = outcomes.get(key(value), (value, value, []))
        failures.extend((index, m) for m in messages)
        if not messages and cleaned is not value:
            setattr(obj, field.attname, cleaned)
    return failures


def _key_for(values: list[Any]) -> Callable[[Any], Any]:
    """How to tell a column's values apart: as they are, unless equal values may differ
    (Decimals, floats, or mixed types such as 1 and True)."""
    kinds = set(map(type, values)) - {type(None)}
    if len(kinds) <= 1 and kinds <= PLAIN_KINDS:
        return _same
    return _distinct_key


def _same(value: Any) -> Any:
    return value


def _distinct_key(value: Any) -> Any:
    return (value.__class__, str(value))
