"""Evaluating the bureau's doubt rules (``DoubtRule`` rows) on the records of a package.

Values are compared in their wire text form (amounts as decimals, so ``"12.5"`` equals
``12.50``; dates ISO; flags ``1``/``0``; code lists comma-joined).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from .models import DoubtRule, Operator


@dataclass(frozen=True, slots=True)
class Found:
    """One doubt a rule found: what becomes a ``Doubt`` row of the submission."""

    code: str
    level: str
    skippable: bool
    message: str
    table: str
    line_no: str = ""
    item_key: str = ""


def _value(record: object, name: str) -> object:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ",".join(str(part) for part in value)
    return str(value)


def _same(value: object, expected: str) -> bool:
    if isinstance(value, Decimal):
        try:
            return value == Decimal(expected)
        except InvalidOperation:
            return False
    return _text(value) == expected


class RuleBook:
    """The rules of one business, with the state the ``duplicate`` rules need."""

    def __init__(self, business_code: str) -> None:
        self.by_section: dict[str, list[DoubtRule]] = {}
        for rule in DoubtRule.objects.filter(business_code=business_code):
            self.by_section.setdefault(rule.section, []).append(rule)
        self.seen: dict[int, set[str]] = {}

    def __bool__(self) -> bool:
        return bool(self.by_section)

    def _matches(self, rule: DoubtRule, value: object) -> bool:
        operator = rule.operator
        if operator == Operator.EMPTY:
            return value is None or value == "" or value == ()
        if operator == Operator.EQUALS:
            return value is not None and _same(value, rule.value)
        if operator == Operator.IN:
            return value is not None and any(_same(value, v.strip()) for v in rule.value.split(","))
        if operator == Operator.DUPLICATE:
            if value is None or value == "":
                return False
            seen = self.seen.setdefault(rule.pk, set())
            text = _text(value)
            if text in seen:
                return True
            seen.add(text)
            return False
        return False

    def check(self, section: str, record: object, line_field: str) -> Iterable[Found]:
        for rule in self.by_section.get(section, ()):
            value = _value(record, rule.field_name)
            if self._matches(rule, value):
                yield Found(
                    code=rule.code, level=rule.level, skippable=rule.skippable,
                    message=rule.message.replace("{value}", _text(value))[:1000], table=section,
                    line_no=_text(_value(record, line_field))[:20],
                    item_key=_text(_value(record, "item_key"))[:21],
                )  # fmt: skip
