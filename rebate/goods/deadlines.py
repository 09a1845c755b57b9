"""The deadlines shown next to each 明细表 line (DOMAIN §9, §16): computed by
rebate.calc.deadlines from the stored dated rules, never by the page itself."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rebate.calc.checks.model import RED_LETTER, RED_LETTER_RETURN
from rebate.calc.deadlines import DeadlineRule, LineDeadline, line_deadlines


def rules() -> Sequence[DeadlineRule]:
    from rebate.codes.selectors import mdt_deadline_rules

    return mdt_deadline_rules()


def for_line(
    line: Any, table: Sequence[DeadlineRule] | None = None, contract_due: date | None = None
) -> list[LineDeadline]:
    """A red-letter 冲减 corrects an earlier line and is not time-barred: it has none.
    ``contract_due``: the contract's last collection date, where the 收汇 rule lets it count."""
    export_date: date | None = getattr(line, "export_date", None)
    codes = set(line.business_type_codes)
    if export_date is None or codes & {RED_LETTER, RED_LETTER_RETURN}:
        return []
    return line_deadlines(
        export_date, rules() if table is None else table, contract_due=contract_due
    )


def text(items: list[LineDeadline]) -> str:
    return "；".join(f"{item.label} {item.due.isoformat()}" for item in items)


def facts(line: Any) -> list[tuple[str, str]]:
    """(label, value) rows of the line's detail page: why it must be checked again (a new
    rate library), then each deadline with its rule and what missing it means."""
    rows = [
        (item.label, f"{item.due.isoformat()}（{item.rule_id}：{item.consequence}）")
        for item in for_line(line)
    ]
    if getattr(line, "recheck_reason", ""):
        rows.insert(0, ("需重新检查", line.recheck_reason))
    return rows
