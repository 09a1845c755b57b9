"""Record specifications: one table per record type drives writer, reader, XSD and docs.

A ``RecordSpec`` lists the child elements of a record (tag, the dataclass attribute it maps to,
its kind, whether it is required, its Chinese label). The writer emits fields in this order,
the reader maps tags back to attributes, ``xsdgen`` renders the XSD ``xs:sequence`` from it and
the docs tables come from the same rows, so the four can never disagree.

Amounts travel as strings ("1234.50"), never floats; the reader returns ``Decimal``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

from lxml import etree

from .errors import WireError

T = TypeVar("T")


class Kind(Enum):
    """Value kinds; each has one XSD simple type (see ``xsdgen.SIMPLE_TYPES``)."""

    TEXT = "Text"
    DATE8 = "Date8"  # YYYYMMDD, as customs writes dates
    DATE = "IsoDate"  # YYYY-MM-DD
    PERIOD = "Period"  # 所属期 YYYYMM
    AMOUNT = "Amount"  # 2 decimals, may be negative (红字)
    RATE = "Rate"  # a fraction 0..1, 6 decimals
    XRATE = "ExchangeRate"  # CNY per 1 unit, 6 decimals
    QUANTITY = "Quantity"  # 5 decimals
    NUMBER = "Number"  # a free decimal (fee rates, unit prices), 5 decimals
    INT = "Int"
    FLAG = "Flag"  # "1" / "0"
    CODES = "CodeList"  # comma-joined codes (业务类型)


@dataclass(frozen=True, slots=True)
class Field:
    tag: str
    attr: str
    kind: Kind = Kind.TEXT
    label: str = ""
    required: bool = False
    pattern: str | None = None
    max_length: int | None = None


_DECIMAL_PLACES = {
    Kind.AMOUNT: 2,
    Kind.RATE: 6,
    Kind.XRATE: 6,
    Kind.QUANTITY: 5,
    Kind.NUMBER: 5,
}


def to_text(field: Field, value: object) -> str:
    kind = field.kind
    if kind in _DECIMAL_PLACES:
        if not isinstance(value, Decimal):
            raise WireError(f"{field.tag}：金额/数量必须是Decimal，不能是{type(value).__name__}")
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > _DECIMAL_PLACES[kind]:
            raise WireError(f"{field.tag}：小数位数超过{_DECIMAL_PLACES[kind]}位（{value}）")
        return format(value, "f")
    if kind is Kind.DATE8:
        assert isinstance(value, date)
        return value.strftime("%Y%m%d")
    if kind is Kind.DATE:
        assert isinstance(value, date)
        return value.isoformat()
    if kind is Kind.FLAG:
        return "1" if value else "0"
    if kind is Kind.CODES:
        assert isinstance(value, tuple)
        return ",".join(value)
    return str(value)


def from_text(field: Field, text: str) -> object:
    kind = field.kind
    try:
        if kind in _DECIMAL_PLACES:
            return Decimal(text)
        if kind is Kind.DATE8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        if kind is Kind.DATE:
            return date.fromisoformat(text)
        if kind is Kind.INT:
            return int(text)
        if kind is Kind.FLAG:
            return text == "1"
        if kind is Kind.CODES:
            return tuple(code for code in text.split(",") if code)
    except (ValueError, InvalidOperation):
        raise WireError(
            f"XML不符合数据格式定义：{field.tag}的值“{text}”无效", code="malformed"
        ) from None
    return text


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """The child elements of one record element, in document order."""

    element: str
    label: str
    fields: tuple[Field, ...]

    def texts(self, record: object) -> Iterator[tuple[str, str]]:
        """(tag, text) of each present field of a dataclass instance, in spec order."""
        for tag, attr, write, required in _writers(self):
            value = getattr(record, attr)
            if value is None or value == "" or value == ():
                if required:
                    field = _by_tag(self)[tag]
                    raise WireError(f"{self.element}：缺少必填项{tag}（{field.label}）")
                continue
            yield tag, write(value)

    def mapping_texts(self, values: Mapping[str, object]) -> Iterator[tuple[str, str]]:
        """Like ``texts`` for a mapping keyed by attribute name (the generic form sections)."""
        known = {field.attr for field in self.fields}
        unknown = set(values) - known
        if unknown:
            raise WireError(f"{self.element}：未知字段{sorted(unknown)}")
        for field in self.fields:
            value = values.get(field.attr)
            if value is None or value == "":
                if field.required:
                    raise WireError(f"{self.element}：缺少必填项{field.tag}（{field.label}）")
                continue
            yield field.tag, to_text(field, value)

    def values(self, element: etree._Element, namespace_length: int) -> dict[str, Any]:
        """Attribute → typed value for the children of a parsed record element."""
        readers = _readers(self, namespace_length)
        result: dict[str, Any] = {}
        try:
            for child in element:
                reader = readers.get(child.tag[namespace_length:])
                if reader is not None:
                    result[reader[0]] = reader[1](child.text or "")
        except (ValueError, ArithmeticError):
            # Rare path: find the offending field again for a precise message.
            for child in element:
                field = _by_tag(self).get(str(child.tag)[namespace_length:])
                if field is not None:
                    from_text(field, child.text or "")
            raise
        return result


def _date8(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _flag(text: str) -> bool:
    return text == "1"


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in text.split(",") if code)


def _text(text: str) -> str:
    return text


_CONVERTERS: dict[Kind, Callable[[str], object]] = {
    Kind.AMOUNT: Decimal, Kind.RATE: Decimal, Kind.XRATE: Decimal, Kind.QUANTITY: Decimal,
    Kind.NUMBER: Decimal, Kind.DATE8: _date8, Kind.DATE: date.fromisoformat, Kind.INT: int,
    Kind.FLAG: _flag, Kind.CODES: _codes, Kind.TEXT: _text, Kind.PERIOD: _text,
}  # fmt: skip
_BY_TAG: dict[int, dict[str, Field]] = {}
_WRITERS: dict[int, tuple[tuple[str, str, Callable[[object], str], bool], ...]] = {}
_READERS: dict[tuple[int, int], dict[str, tuple[str, Callable[[str], object]]]] = {}


def _by_tag(spec: RecordSpec) -> dict[str, Field]:
    # Cached by identity: specs are module-level constants.
    table = _BY_TAG.get(id(spec))
    if table is None:
        table = {field.tag: field for field in spec.fields}
        _BY_TAG[id(spec)] = table
    return table


def _writers(spec: RecordSpec) -> tuple[tuple[str, str, Callable[[object], str], bool], ...]:
    """(tag, attribute, formatter, required) per field, built once per spec (write hot path)."""
    table = _WRITERS.get(id(spec))
    if table is None:
        table = tuple(
            (field.tag, field.attr, _formatter(field), field.required) for field in spec.fields
        )
        _WRITERS[id(spec)] = table
    return table


def _formatter(field: Field) -> Callable[[object], str]:
    if field.kind in (Kind.TEXT, Kind.PERIOD, Kind.INT):
        return str
    places = _DECIMAL_PLACES.get(field.kind)
    if places is None:
        return lambda value: to_text(field, value)

    def decimal_text(value: object) -> str:
        if not isinstance(value, Decimal):
            return to_text(field, value)  # raises the "must be Decimal" error
        text = format(value, "f")
        point = text.find(".")
        if point >= 0 and len(text) - point - 1 > places:
            return to_text(field, value)  # raises the "too many places" error
        return text

    return decimal_text


def _readers(
    spec: RecordSpec, namespace_length: int
) -> dict[str, tuple[str, Callable[[str], object]]]:
    """Local tag → (attribute, converter), built once per spec: the per-field hot path."""
    key = (id(spec), namespace_length)
    table = _READERS.get(key)
    if table is None:
        table = {field.tag: (field.attr, _CONVERTERS[field.kind]) for field in spec.fields}
        _READERS[key] = table
    return table


def build(cls: Callable[..., T], values: dict[str, Any], **extra: Any) -> T:
    """Construct a record dataclass; a missing required element becomes a ``WireError``.

    The XSD is checked while parsing, but libxml2 may report a violation a few records after
    the offending one, so the conversion itself must also fail cleanly.
    """
    try:
        return cls(**values, **extra)
    except TypeError as error:
        missing = str(error).rpartition(":")[2].replace("'", "").strip()
        raise WireError(
            f"XML不符合数据格式定义：{cls.__name__}记录缺少或多出字段（{missing}）",
            code="malformed",
        ) from None


def record_element(
    parent: etree._Element | None, spec: RecordSpec, pairs: Iterator[tuple[str, str]], ns: str
) -> etree._Element:
    """``<spec.element>`` with one child per (tag, text) pair, under ``parent`` if given."""
    tag = f"{{{ns}}}{spec.element}"
    if parent is None:
        # A default-namespace declaration on each streamed record keeps the output unprefixed.
        element = etree.Element(tag, nsmap={None: ns})  # type: ignore[dict-item]
    else:
        element = etree.SubElement(parent, tag)
    for child_tag, text in pairs:
        etree.SubElement(element, f"{{{ns}}}{child_tag}").text = text
    return element
