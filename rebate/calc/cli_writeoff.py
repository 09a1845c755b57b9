"""``python -m rebate.calc writeoff INPUT.json`` (formats/calc-cli.md, section ``writeoff``):
per 手（账）册 the 实际分配率 from customs' records and the 调整表 corrections, the adjustments
of what was declared with the 计划分配率, the 综合实际分配率 and 汇总表 rows 8 and 14 — through
rebate.calc.allocation, the functions the pages and the simulated bureau use."""

from __future__ import annotations

import re
from typing import Any

from rebate.calc import money
from rebate.calc.allocation import (
    ActualRate,
    AllocationError,
    DeclaredProcessingExport,
    Direction,
    ManualWriteoff,
    ProcessingTradeRecord,
    combined_actual_rate,
    manual_adjustment,
    rate_of_totals,
    record_totals,
    writeoff_totals,
)
from rebate.calc.cli_input import InputError, as_list, as_object, as_string, parsed

_MODE = re.compile(r"\d{4}")


def _record(value: Any, path: str) -> ProcessingTradeRecord:
    obj = as_object(value, path, {"direction", "trade_mode", "amount_cny"}, set())
    direction = as_string(obj["direction"], f"{path}.direction")
    if direction not in ("I", "E"):
        raise InputError(f"{path}.direction", 'must be "I" or "E"')
    mode = as_string(obj["trade_mode"], f"{path}.trade_mode")
    if not _MODE.fullmatch(mode):
        raise InputError(f"{path}.trade_mode", "must be 4 digits (监管方式)")
    amount = parsed(obj["amount_cny"], f"{path}.amount_cny", money.parse_amount)
    return ProcessingTradeRecord(Direction(direction), mode, amount)


def _declared(value: Any, path: str) -> DeclaredProcessingExport:
    keys = {"fob_cny", "planned_rate", "levy_rate", "rebate_rate"}
    obj = as_object(value, path, keys, set())
    return DeclaredProcessingExport(
        fob_cny=parsed(obj["fob_cny"], f"{path}.fob_cny", money.parse_amount),
        planned_rate=parsed(obj["planned_rate"], f"{path}.planned_rate", money.parse_fraction),
        levy_rate=parsed(obj["levy_rate"], f"{path}.levy_rate", money.parse_fraction),
        rebate_rate=parsed(obj["rebate_rate"], f"{path}.rebate_rate", money.parse_fraction),
    )


def _manual(value: Any, path: str) -> tuple[str, ActualRate, list[DeclaredProcessingExport]]:
    obj = as_object(value, path, {"manual_no", "records"}, {"corrections", "declared"})
    manual_no = as_string(obj["manual_no"], f"{path}.manual_no")
    if not manual_no:
        raise InputError(f"{path}.manual_no", "must not be empty")
    records = [
        _record(r, f"{path}.records[{i}]")
        for i, r in enumerate(as_list(obj["records"], f"{path}.records"))
    ]
    corrections = [
        _record(r, f"{path}.corrections[{i}]")
        for i, r in enumerate(as_list(obj.get("corrections", []), f"{path}.corrections"))
    ]
    declared = [
        _declared(d, f"{path}.declared[{i}]")
        for i, d in enumerate(as_list(obj.get("declared", []), f"{path}.declared"))
    ]
    try:
        rate = rate_of_totals(*record_totals([*records, *corrections]))
    except AllocationError:
        raise InputError(f"{path}.records", "出口总值 is not positive") from None
    return manual_no, rate, declared


def run_writeoff(document: Any) -> dict[str, Any]:
    obj = as_object(document, "", {"manuals"}, {"year"})
    if "year" in obj:
        year = as_string(obj["year"], "year")
        if not re.fullmatch(r"\d{4}", year):
            raise InputError("year", "must be YYYY")
    seen: set[str] = set()
    results, rates, adjustments = [], [], []
    for index, value in enumerate(as_list(obj["manuals"], "manuals")):
        path = f"manuals[{index}]"
        manual_no, rate, declared = _manual(value, path)
        if manual_no in seen:
            raise InputError(f"{path}.manual_no", f"duplicate manual_no {manual_no!r}")
        seen.add(manual_no)
        adjustment = manual_adjustment(ManualWriteoff(manual_no, rate.rate, declared))
        rates.append(rate)
        adjustments.append(adjustment)
        results.append(
            {
                "manual_no": manual_no,
                "import_total": money.format_amount(rate.import_total),
                "export_total": money.format_amount(rate.export_total),
                "actual_rate": f"{rate.rate:f}",
                "declared_exports": money.format_amount(adjustment.declared_exports),
                "refund_adjustment": money.format_amount(adjustment.refund_adjustment),
                "non_creditable_adjustment": money.format_amount(
                    adjustment.non_creditable_adjustment
                ),
            }
        )
    if not results:
        raise InputError("manuals", "must hold at least one manual")
    totals = writeoff_totals(adjustments)
    return {
        "manuals": results,
        "combined_actual_rate": f"{combined_actual_rate(rates):f}",
        "summary": {
            "8": money.format_amount(totals.non_creditable_adjustment),
            "14": money.format_amount(totals.refund_adjustment),
        },
    }
