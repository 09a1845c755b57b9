"""Reading the CLI's JSON input into calc dataclasses, naming the field of every error.

JSON numbers are refused for amounts and rates: the document is parsed with
``parse_float``/``parse_int`` hooks that keep a number's text in a ``JsonNumber`` marker,
so the reader can say "a JSON number" instead of silently going through a float.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NoReturn, TypeVar

from rebate.calc import money
from rebate.calc.fob import Declaration, DeclarationItem, Fee, FeeMark, TransactionTerm
from rebate.calc.mdt import (
    GoodsLine,
    PeriodInput,
    ProcessingWriteoff,
    ServiceLine,
    VatReturn,
)
from rebate.calc.periods import Period, PeriodError

T = TypeVar("T")
_CURRENCY = re.compile(r"[A-Z]{3}")


class InputError(ValueError):
    """Bad input; ``str()`` is the single stderr line ``field: problem``."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")


class JsonNumber(str):
    """The text of a bare JSON number (refused wherever a decimal string is expected)."""


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def load_json(text: str, source: str) -> Any:
    try:
        return json.loads(
            text,
            parse_float=JsonNumber,
            parse_int=JsonNumber,
            parse_constant=_refuse_constant,
            object_pairs_hook=_no_duplicates,
        )
    except ValueError as error:  # JSONDecodeError is a ValueError
        raise InputError(source, f"not valid JSON ({error})") from None


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def as_object(value: Any, path: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(path or "input", "must be a JSON object")
    for key in required:
        if key not in value:
            raise InputError(_join(path, key), "missing")
    for key in value:
        if key not in required and key not in optional:
            raise InputError(_join(path, key), "unknown field")
    return value


def as_list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise InputError(path, "must be a JSON array")
    return value


def as_string(value: Any, path: str) -> str:
    if isinstance(value, JsonNumber) or not isinstance(value, str):
        raise InputError(path, "must be a string")
    return value


def parsed(value: Any, path: str, parser: Callable[[object], T]) -> T:
    """Apply a ``money.parse_*`` function, turning its error into a field error."""
    if isinstance(value, JsonNumber):
        raise InputError(path, f'a JSON number; write it as a decimal string ("{value}")')
    if not isinstance(value, str):
        raise InputError(path, "not a decimal string")
    try:
        return parser(value)
    except money.MoneyError as error:
        raise InputError(path, str(error)) from None


def _field(obj: dict[str, Any], key: str, path: str, parser: Callable[[object], T]) -> T:
    return parsed(obj[key], _join(path, key), parser)


def _optional(obj: dict[str, Any], key: str, path: str, parser: Callable[[object], T]) -> T | None:
    if key not in obj or obj[key] is None:
        return None
    return _field(obj, key, path, parser)


# ----------------------------------------------------------------------------- period
_GOODS_REQUIRED = {"id", "fob_usd", "fob_cny", "levy_rate", "rebate_rate"}
_GOODS_OPTIONAL = {"allocation_rate", "duty_free_domestic_materials"}
_SERVICE_FIELDS = {"id", "usd", "cny", "levy_rate", "rebate_rate"}


def _rates(obj: dict[str, Any], path: str) -> tuple[Decimal, Decimal]:
    levy = _field(obj, "levy_rate", path, money.parse_fraction)
    rebate = _field(obj, "rebate_rate", path, money.parse_fraction)
    if rebate > levy:
        raise InputError(_join(path, "rebate_rate"), "退税率 cannot exceed 征税率 (levy_rate)")
    return levy, rebate


def read_goods_line(value: Any, path: str) -> GoodsLine:
    obj = as_object(value, path, _GOODS_REQUIRED, _GOODS_OPTIONAL)
    levy, rebate = _rates(obj, path)
    domestic = _optional(obj, "duty_free_domestic_materials", path, money.parse_amount)
    return GoodsLine(
        id=as_string(obj["id"], _join(path, "id")),
        fob_usd=_field(obj, "fob_usd", path, money.parse_amount),
        fob_cny=_field(obj, "fob_cny", path, money.parse_amount),
        levy_rate=levy,
        rebate_rate=rebate,
        allocation_rate=_optional(obj, "allocation_rate", path, money.parse_fraction),
        duty_free_domestic_materials=domestic if domestic is not None else money.ZERO,
    )


def read_service_line(value: Any, path: str) -> ServiceLine:
    obj = as_object(value, path, _SERVICE_FIELDS, set())
    levy, rebate = _rates(obj, path)
    return ServiceLine(
        id=as_string(obj["id"], _join(path, "id")),
        usd=_field(obj, "usd", path, money.parse_amount),
        cny=_field(obj, "cny", path, money.parse_amount),
        levy_rate=levy,
        rebate_rate=rebate,
    )


def _read_writeoff(value: Any) -> ProcessingWriteoff:
    path = "processing_writeoff"
    obj = as_object(value, path, set(), {"non_creditable_adjustment", "refund_adjustment"})
    non_creditable = _optional(obj, "non_creditable_adjustment", path, money.parse_amount)
    refund = _optional(obj, "refund_adjustment", path, money.parse_amount)
    return ProcessingWriteoff(
        non_creditable_adjustment=non_creditable if non_creditable is not None else money.ZERO,
        refund_adjustment=refund if refund is not None else money.ZERO,
    )


def _read_vat_return(value: Any) -> VatReturn:
    path = "vat_return"
    obj = as_object(value, path, {"output_tax", "input_tax", "previous_credit"}, set())
    return VatReturn(
        output_tax=_field(obj, "output_tax", path, money.parse_amount),
        input_tax=_field(obj, "input_tax", path, money.parse_amount),
        previous_credit=_field(obj, "previous_credit", path, money.parse_non_negative_amount),
    )


_PERIOD_REQUIRED = {"period", "goods"}
_PERIOD_OPTIONAL = {
    "services", "processing_writeoff", "carried_offset", "ending_credit", "vat_return",
}  # fmt: skip


def read_period_input(document: Any) -> PeriodInput:
    obj = as_object(document, "", _PERIOD_REQUIRED, _PERIOD_OPTIONAL)
    try:
        period = Period.parse(obj["period"])
    except PeriodError as error:
        raise InputError("period", str(error)) from None
    has_credit, has_return = "ending_credit" in obj, "vat_return" in obj
    if has_credit == has_return:
        problem = "both given" if has_credit else "neither given"
        raise InputError("ending_credit/vat_return", f"give exactly one ({problem})")
    goods = as_list(obj["goods"], "goods")
    services = as_list(obj["services"], "services") if "services" in obj else None
    carried = _optional(obj, "carried_offset", "", money.parse_non_negative_amount)
    return PeriodInput(
        period=period,
        goods=[read_goods_line(line, f"goods[{i}]") for i, line in enumerate(goods)],
        services=(
            None
            if services is None
            else [read_service_line(line, f"services[{i}]") for i, line in enumerate(services)]
        ),
        writeoff=(
            _read_writeoff(obj["processing_writeoff"])
            if "processing_writeoff" in obj
            else ProcessingWriteoff()
        ),
        carried_offset=carried if carried is not None else money.ZERO,
        ending_credit=(
            _field(obj, "ending_credit", "", money.parse_non_negative_amount)
            if has_credit
            else None
        ),
        vat_return=_read_vat_return(obj["vat_return"]) if has_return else None,
    )


# ----------------------------------------------------------------------------- fob
def _currency(value: Any, path: str) -> str:
    code = as_string(value, path)
    if _CURRENCY.fullmatch(code) is None:
        raise InputError(path, "must be a 3-letter currency code such as USD")
    return code


def _enum(value: Any, path: str, kind: Callable[[str], T], allowed: str) -> T:
    text = as_string(value, path)
    try:
        return kind(text)
    except ValueError:
        raise InputError(path, f"unknown code {text!r} (allowed: {allowed})") from None


def _read_fee(value: Any, path: str) -> Fee:
    obj = as_object(value, path, {"mark", "value"}, {"currency"})
    mark = _enum(obj["mark"], _join(path, "mark"), FeeMark, "1 率, 2 单价, 3 总价")
    if mark is not FeeMark.RATE and "currency" not in obj:
        raise InputError(_join(path, "currency"), "missing (required for marks 2 and 3)")
    parser = money.parse_amount if path == "other" else money.parse_non_negative_amount
    currency = _currency(obj["currency"], _join(path, "currency")) if "currency" in obj else "CNY"
    return Fee(mark, _field(obj, "value", path, parser), currency)


def _read_rates(value: Any) -> dict[str, Decimal]:
    if not isinstance(value, dict):
        raise InputError("rates", "must be a JSON object")
    rates: dict[str, Decimal] = {}
    for code, rate in value.items():
        path = _join("rates", code)
        _currency(code, path)
        rates[code] = parsed(rate, path, money.parse_exchange_rate)
        if code == "CNY" and rates[code] != 1:
            raise InputError(path, "CNY is 1 by definition")
    return rates


_FOB_REQUIRED = {"transaction_term", "currency", "items", "rates"}
_FOB_OPTIONAL = {"freight", "insurance", "other", "gross_weight_kg"}


def read_declaration(document: Any) -> Declaration:
    obj = as_object(document, "", _FOB_REQUIRED, _FOB_OPTIONAL)
    items = []
    for index, item in enumerate(as_list(obj["items"], "items")):
        path = f"items[{index}]"
        fields = as_object(item, path, {"id", "total"}, set())
        items.append(
            DeclarationItem(
                as_string(fields["id"], _join(path, "id")),
                _field(fields, "total", path, money.parse_non_negative_amount),
            )
        )
    return Declaration(
        transaction_term=_enum(obj["transaction_term"], "transaction_term", TransactionTerm, "1–7"),
        currency=_currency(obj["currency"], "currency"),
        items=items,
        rates=_read_rates(obj["rates"]),
        freight=_read_fee(obj["freight"], "freight") if "freight" in obj else None,
        insurance=_read_fee(obj["insurance"], "insurance") if "insurance" in obj else None,
        other=_read_fee(obj["other"], "other") if "other" in obj else None,
        gross_weight_kg=_optional(obj, "gross_weight_kg", "", money.parse_quantity),
    )
