"""POST /api/v1/calc/period | fob | writeoff: exactly the JSON of ``python -m rebate.calc``
(formats/calc-cli.md), through the same functions; bad input → 400 with the CLI's message.

The body is read as text with the CLI's own JSON reader (rebate.calc.cli_input.load_json),
which refuses a bare JSON number where an amount is expected: not DRF's parser."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.calc.cli import run_command
from rebate.calc.cli_input import InputError, load_json

from .base import ApiView
from .errors import invalid
from .parsers import MAX_BODY
from .schema_fields import ErrorSerializer


class RawJSONParser(BaseParser):
    media_type = "application/json"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        data: bytes = stream.read(MAX_BODY + 1) if stream is not None else b""
        return data


class CalcDocument(serializers.Serializer[Any]):
    """Any JSON object of formats/calc-cli.md (amounts as strings)."""


class CalcView(ApiView):
    writes = False  # a calculation changes nothing: 查看 may run it
    parser_classes = [RawJSONParser]  # type: ignore[list-item]
    command = ""

    def post(self, request: Request) -> Response:
        # RawJSONParser's bytes; DRF answers an empty body with {} before any parser runs.
        data: Any = request.data
        raw = data if isinstance(data, bytes) else b""
        try:
            if len(raw) > MAX_BODY:
                raise InputError("body", "too large")
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return invalid("body: not UTF-8", {"body": ["not UTF-8"]})
        except InputError as error:
            return invalid(str(error), {"body": [str(error)]})
        try:
            output = run_command(self.command, load_json(text, "body"))
        except InputError as error:
            field, _, problem = str(error).partition(": ")
            return invalid(str(error), {field: [problem or str(error)]})
        return Response(output)


def calc_view(command: str, summary: str, example: dict[str, Any]) -> Any:
    schema = extend_schema(
        tags=["计算"],
        summary=summary,
        request={"application/json": {"type": "object", "additionalProperties": True}},
        responses={
            200: {"type": "object", "additionalProperties": True},
            400: ErrorSerializer,
        },
        examples=[OpenApiExample(command, value=example, request_only=True)],
    )
    cls = type(f"Calc{command.capitalize()}View", (CalcView,), {"command": command})
    view: Any = extend_schema_view(post=schema)(cls)
    return view.as_view()


PERIOD_EXAMPLE = {
    "period": "202603",
    "goods": [{"id": "1", "fob_usd": "1000.00", "fob_cny": "7100.00", "levy_rate": "0.13",
               "rebate_rate": "0.13"}],
    "ending_credit": "0.00",
}  # fmt: skip
FOB_EXAMPLE = {
    "transaction_term": "3", "currency": "USD", "items": [{"id": "1", "total": "1000.00"}],
    "rates": {"USD": "7.100000"},
}  # fmt: skip
WRITEOFF_EXAMPLE = {
    "year": "2025",
    "manuals": [{"manual_no": "C44031234567", "records": [
        {"direction": "I", "trade_mode": "0615", "amount_cny": "600.00"},
        {"direction": "E", "trade_mode": "0615", "amount_cny": "1000.00"}]}],
}  # fmt: skip

urlpatterns_calc = [
    ("calc/period", calc_view("period", "免抵退税计算（所属期）", PERIOD_EXAMPLE), "calc-period"),
    ("calc/fob", calc_view("fob", "离岸价计算", FOB_EXAMPLE), "calc-fob"),
    ("calc/writeoff", calc_view("writeoff", "进料加工核销计算", WRITEOFF_EXAMPLE), "calc-writeoff"),
]
