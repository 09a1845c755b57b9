"""The 报关单 fields a file may carry, and their reading from text (XML element or Excel cell).

The fields are the customs wire's (rebate.integrations.wire.customs.specs: the DecMessage tags,
their kinds, patterns and Chinese labels), so a declaration read from a file becomes the same
``ExportDeclaration`` a download gives and goes through the same store. Left out are the values
only customs computes for the tax side (离岸价, 不予退税标志, 结关日期, 改单标志): a file from the
Single Window or a broker does not have them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from rebate.codes import selectors as codes
from rebate.integrations.wire.customs.specs import DEC_HEAD, DEC_LIST
from rebate.integrations.wire.spec import Field, Kind

CUSTOMS_ONLY = frozenset(
    {"FobOrig", "FobUsd", "FobCny", "NoRefundFlag", "ClearanceDate", "AmendFlag"}
)
HEAD: tuple[Field, ...] = tuple(f for f in DEC_HEAD.fields if f.tag not in CUSTOMS_ONLY)
ITEM: tuple[Field, ...] = tuple(f for f in DEC_LIST.fields if f.tag not in CUSTOMS_ONLY)
CURRENCY_FIELDS = frozenset({"trade_curr", "fee_curr", "insur_curr", "other_curr"})
COUNTRY_FIELDS = frozenset(
    {"trade_country", "trade_area_code", "origin_country", "destination_country"}
)
_PLACES = {Kind.AMOUNT: 2, Kind.QUANTITY: 5, Kind.NUMBER: 5}
_DATE8 = re.compile(r"^(\d{4})(\d{2})(\d{2})\d*$")  # the Single Window may add the time
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")  # an Excel date cell


class FieldError(ValueError):
    """A value that cannot be stored; str() is the Chinese reason (without the field's name)."""


def _date(text: str) -> date:
    found = _DATE8.match(text) or _ISO_DATE.match(text)
    if found is None:
        raise FieldError(f"日期「{text}」格式不正确，应为YYYYMMDD")
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        raise FieldError(f"日期「{text}」不存在") from None


def _decimal(field: Field, text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise FieldError(f"「{text}」不是数字") from None
    if not value.is_finite():
        raise FieldError(f"「{text}」不是数字")
    if abs(value) >= Decimal(10) ** 13:
        raise FieldError(f"「{text}」超出范围")
    places = _PLACES.get(field.kind, 5)
    step = Decimal(1).scaleb(-places)
    if value != value.quantize(step):
        raise FieldError(f"「{text}」最多{places}位小数")
    exponent = value.as_tuple().exponent
    # 12.50000 from a spreadsheet is 12.5: trailing zeros past the places are dropped.
    return value.quantize(step) if isinstance(exponent, int) and -exponent > places else value


def _int(text: str) -> int:
    cleaned = text[:-2] if text.endswith(".0") else text  # a number cell read as 3.0
    if not cleaned.isdigit():
        raise FieldError(f"「{text}」应为非负整数")
    return int(cleaned)


def _code(field: Field, text: str) -> str:
    value = text.strip().upper() if field.pattern else text.strip()
    if field.attr in CURRENCY_FIELDS and value.isdigit():
        found = codes.currency(value)
        if found is None:
            raise FieldError(f"币制代码「{text}」不存在")
        value = found.code
    elif field.attr in COUNTRY_FIELDS and value.isdigit():
        country = codes.country(value)
        if country is None:
            raise FieldError(f"国别（地区）代码「{text}」不存在")
        value = country.code
    if field.pattern and not re.fullmatch(field.pattern, value):
        raise FieldError(f"「{text}」格式不正确（{_shape(field)}）")
    if field.max_length and len(value) > field.max_length:
        raise FieldError(f"长度超过{field.max_length}个字符")
    return value


def _shape(field: Field) -> str:
    """The pattern in words for the message."""
    pattern = field.pattern or ""
    digits = re.fullmatch(r"\[0-9\]\{(\d+)\}", pattern)
    if digits:
        return f"应为{digits.group(1)}位数字"
    return {
        "[EI]": "E出口或I进口",
        "[1-7]": "应为1至7",
        "[123]": "应为1、2或3",
        "[13]": "应为1或3",
        "[A-Z]{3}": "应为3位字母代码，如USD",
        r"[0-9]{4}[0-9A-Z]{6}": "应为10位海关企业代码",
    }.get(pattern, "代码不正确")


_READERS: dict[Kind, Callable[[Field, str], object]] = {
    Kind.DATE8: lambda _field, text: _date(text),
    Kind.INT: lambda _field, text: _int(text),
    Kind.AMOUNT: _decimal,
    Kind.QUANTITY: _decimal,
    Kind.NUMBER: _decimal,
}


def read(field: Field, text: str) -> object:
    """The typed value of a non-empty text, or FieldError."""
    reader = _READERS.get(field.kind, _code)
    return reader(field, text.strip())


def missing(fields: tuple[Field, ...], values: dict[str, object]) -> list[Field]:
    """The required fields a record lacks."""
    return [f for f in fields if f.required and values.get(f.attr) in (None, "")]
