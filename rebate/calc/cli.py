"""``python -m rebate.calc period FILE.json`` / ``fob FILE.json`` / ``writeoff FILE.json``
(formats/calc-cli.md).

Success: JSON on stdout, exit 0. Bad input or usage: exit 2, exactly one line on stderr
naming the field, nothing on stdout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from rebate.calc.cli_input import InputError, load_json, read_declaration, read_period_input
from rebate.calc.cli_writeoff import run_writeoff
from rebate.calc.fob import FobError, FobResult, derive_fob
from rebate.calc.mdt import PeriodInputError, PeriodResult, calculate_period
from rebate.calc.money import format_amount

USAGE = "usage: python -m rebate.calc {period|fob|writeoff} INPUT.json"
COMMANDS = ("period", "fob", "writeoff")
BAD_INPUT = 2


def period_output(result: PeriodResult, *, with_services: bool) -> dict[str, Any]:
    goods = result.goods
    output: dict[str, Any] = {
        "goods": [
            {
                "id": line.id,
                "bonded_materials_price": format_amount(bonded),
                "non_creditable": format_amount(non_creditable),
                "exempt_credit_refund": format_amount(refund),
            }
            for line, bonded, non_creditable, refund in zip(
                goods.lines,
                goods.bonded_materials_price,
                goods.non_creditable,
                goods.exempt_credit_refund,
                strict=True,
            )
        ]
    }
    if with_services and result.services is not None:
        output["services"] = [
            {
                "id": line.id,
                "non_creditable": format_amount(line.non_creditable),
                "exempt_credit_refund": format_amount(line.exempt_credit_refund),
            }
            for line in result.services
        ]
    if result.vat is not None:
        output["vat"] = {
            "non_creditable": format_amount(result.vat.non_creditable),
            "tax_payable": format_amount(result.vat.tax_payable),
            "ending_credit": format_amount(result.vat.ending_credit),
        }
    output["summary"] = {
        str(row): format_amount(value) for row, value in result.summary.as_rows().items()
    }
    return output


def fob_output(result: FobResult) -> dict[str, Any]:
    return {
        "fob": format_amount(result.fob),
        "items": [
            {
                "id": item.id,
                "fob": format_amount(item.fob),
                "fob_cny": format_amount(item.fob_cny),
                "fob_usd": format_amount(item.fob_usd),
            }
            for item in result.items
        ],
    }


def run_command(command: str, document: Any) -> dict[str, Any]:
    """Compute the output document of ``command``; raises ``InputError`` for bad input."""
    if command == "period":
        period_input = read_period_input(document)
        try:
            result = calculate_period(period_input)
        except PeriodInputError as error:
            raise InputError("input", str(error)) from None
        return period_output(result, with_services=period_input.services is not None)
    if command == "writeoff":
        return run_writeoff(document)
    try:
        return fob_output(derive_fob(read_declaration(document)))
    except FobError as error:
        raise InputError(error.field, error.message) from None


def _read_source(name: str) -> str:
    try:
        if name == "-":
            return sys.stdin.buffer.read().decode("utf-8")
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(name, f"cannot read ({error.__class__.__name__}: {error})") from None


def _write(stream: BinaryIO, text: str) -> None:
    stream.write(text.encode("utf-8"))
    stream.flush()


def _fail(message: str) -> int:
    _write(sys.stderr.buffer, " ".join(message.split()) + "\n")
    return BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or args[0] not in COMMANDS:
        return _fail(USAGE)
    command, source = args
    try:
        document = load_json(_read_source(source), source)
        output = run_command(command, document)
    except InputError as error:
        return _fail(str(error))
    _write(sys.stdout.buffer, json.dumps(output, ensure_ascii=False, indent=2) + "\n")
    return 0
