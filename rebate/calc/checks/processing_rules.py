"""进料加工 rules: 手（账）册号 and 分配率 of a line (DOMAIN §5.4, §8.2 MDT_JLJG_*).

[verified: TAX-SYS] A line whose 出口日期 falls in a written-off manual's cycle must use that
manual's 实际分配率; every other 进料加工 line must use the current 计划分配率. The 监管方式
comes from the customs record when there is one, else from the client's collected data, so
the same rules serve the local check before the customs information arrives.
(TAX-SYS treats manual numbers beginning with "C" specially; how is not public, so nothing
special is done here.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rebate.calc.allocation import PROCESSING_TRADE_MODES
from rebate.calc.checks.finding import Finding, on_line
from rebate.calc.checks.model import CheckContext, CustomsRecord, DeclaredLine

ProcessingRule = Callable[[DeclaredLine, CustomsRecord | None, CheckContext], Iterator[Finding]]


def _trade_mode(line: DeclaredLine, record: CustomsRecord | None) -> str | None:
    return record.trade_mode if record is not None else line.trade_mode


def manual_number(
    line: DeclaredLine, record: CustomsRecord | None, ctx: CheckContext
) -> Iterator[Finding]:
    """BDG_NOSCH (no manual on a 进料 line) and JGMYSCH (manual ≠ customs 备案号)."""
    mode = _trade_mode(line, record)
    if mode in PROCESSING_TRADE_MODES and not line.manual_no:
        yield on_line("MDT_JLJG_BDG_NOSCH", line, trade_mode=mode)
    if line.manual_no and record is not None and line.manual_no != (record.manual_no or ""):
        yield on_line(
            "MDT_JLJG_JGMYSCH", line, declared=line.manual_no, customs=record.manual_no or "无"
        )


def allocation_rate(
    line: DeclaredLine, record: CustomsRecord | None, ctx: CheckContext
) -> Iterator[Finding]:
    """BDG_NOFPLV, SJFPLV_YHX (written off → actual rate) and SJFPLV_WHX (→ planned rate)."""
    mode = _trade_mode(line, record)
    if mode not in PROCESSING_TRADE_MODES:
        return
    rate = line.allocation_rate
    if rate is None:
        yield on_line("MDT_JLJG_BDG_NOFPLV", line, trade_mode=mode)
        return
    cycles = ctx.writeoffs.get(line.manual_no or "", ())
    cycle = next((cycle for cycle in cycles if cycle.covers(line.export_date)), None)
    if cycle is not None:
        if rate != cycle.actual_rate:
            yield on_line(
                "MDT_JLJG_SJFPLV_YHX",
                line,
                manual_no=line.manual_no,
                expected=cycle.actual_rate,
                declared=rate,
            )
    elif ctx.planned_allocation_rate is not None and rate != ctx.planned_allocation_rate:
        yield on_line(
            "MDT_JLJG_SJFPLV_WHX", line, expected=ctx.planned_allocation_rate, declared=rate
        )


def manual_without_processing(
    line: DeclaredLine, record: CustomsRecord | None, ctx: CheckContext
) -> Iterator[Finding]:
    """SCH_NOJLJG: a manual or a rate on a line whose 监管方式 is not 0615/0715."""
    mode = _trade_mode(line, record)
    if mode is None or mode in PROCESSING_TRADE_MODES:
        return
    if line.manual_no or line.allocation_rate is not None:
        yield on_line("MDT_JLJG_SCH_NOJLJG", line, trade_mode=mode)


PROCESSING_RULES: tuple[ProcessingRule, ...] = (
    manual_number,
    allocation_rate,
    manual_without_processing,
)
