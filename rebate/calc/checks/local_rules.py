"""Client-side checks before submission (DOMAIN §8.3 [inferred], SPEC DC-04) — LOCAL_* codes.

``LOCAL_TRADE_MODE_NOT_REFUNDABLE`` duplicates the bureau's MDT_CKHW_BGD_MYXZ_BTS on the
client's own data, so it runs only when no customs electronic information is supplied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import localcontext

from rebate.calc.checks.finding import Finding, on_line
from rebate.calc.checks.model import CheckContext, DeclaredLine
from rebate.calc.deadlines import (
    deadline_status,
    declaration_deadline,
    normal_window_deadline,
    select_rule,
)
from rebate.calc.exchange import USD, MissingRateError, lookup_rate, rate_date
from rebate.calc.identifiers import invoice_format_warning, is_valid_item_key
from rebate.calc.money import CENT, CONTEXT

LocalRule = Callable[[DeclaredLine, CheckContext], Iterator[Finding]]


def item_key_format(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    if not is_valid_item_key(line.item_key):
        yield on_line("LOCAL_BGDH_FORMAT", line)


def export_date_in_period(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    """出口日期 ≤ the last day of the 所属期."""
    if ctx.period is not None and line.export_date > ctx.period.last_day:
        yield on_line(
            "LOCAL_CKRQ_AFTER_PERIOD",
            line,
            export_date=line.export_date.isoformat(),
            period=str(ctx.period),
        )


def exchange_rates_exist(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    """DC-04: the 成交币种 and USD rates exist for the rate date of the enterprise's method."""
    if ctx.exchange_rates is None:
        return
    on = rate_date(ctx.rate_method, line.export_date)
    currencies = dict.fromkeys(code for code in (line.currency, USD) if code)
    for currency in currencies:
        try:
            lookup_rate(ctx.exchange_rates, currency, on)
        except MissingRateError:
            yield on_line(
                "LOCAL_EXCHANGE_RATE_MISSING", line, currency=currency, rate_date=on.isoformat()
            )


def cny_matches_usd(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    """RMB FOB ≈ USD FOB × USD rate, within ``ctx.cny_usd_tolerance`` yuan."""
    if ctx.exchange_rates is None:
        return
    try:
        usd_rate = lookup_rate(
            ctx.exchange_rates, USD, rate_date(ctx.rate_method, line.export_date)
        )
    except MissingRateError:
        return  # reported by exchange_rates_exist
    with localcontext(CONTEXT):
        expected = (line.fob_usd * usd_rate).quantize(CENT)
    if abs(line.fob_cny - expected) > ctx.cny_usd_tolerance:
        yield on_line(
            "LOCAL_FOB_CNY_USD_MISMATCH",
            line,
            fob_cny=line.fob_cny,
            expected=expected,
            tolerance=ctx.cny_usd_tolerance,
        )


def library_match(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    """DC-04 / §8.3: code valid on the export date, basic code, rates and unit as in the 文库."""
    if ctx.library is None:
        return
    row = ctx.library(line.commodity_code, line.export_date)
    if row is None:
        yield on_line(
            "LOCAL_SPDM_NOT_IN_LIBRARY",
            line,
            commodity_code=line.commodity_code,
            export_date=line.export_date.isoformat(),
        )
        return
    if not row.is_basic:
        yield on_line("LOCAL_SPDM_NOT_BASIC", line, commodity_code=line.commodity_code)
    for name, declared, expected in (
        ("征税率", line.levy_rate, row.levy_rate),
        ("退税率", line.rebate_rate, row.rebate_rate),
    ):
        if declared != expected:
            yield on_line(
                "LOCAL_RATE_MISMATCH", line, rate_name=name, declared=declared, expected=expected
            )
    if line.unit != row.unit:
        yield on_line("LOCAL_UNIT_MISMATCH", line, declared=line.unit, expected=row.unit)


def trade_mode_refundable(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.customs is None and line.trade_mode in ctx.non_refundable_trade_modes:
        yield on_line("LOCAL_TRADE_MODE_NOT_REFUNDABLE", line, trade_mode=line.trade_mode)


def invoice_format(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    """出口发票号 is free text: a format problem is only a warning."""
    if line.invoice_no:
        warning = invoice_format_warning(line.invoice_no)
        if warning is not None:
            yield on_line("LOCAL_INVOICE_FORMAT", line, warning=warning)


def _export_deadlines(export_date: date, ctx: CheckContext) -> tuple[date, date | None]:
    """(申报期限, end of the normal window) of an export date under the context's rules, worked
    out once per date of the run (a period's lines share a few dozen dates)."""
    key = ("deadlines", export_date)
    found = ctx.memo.get(key)
    if found is None:
        rules, calendar = ctx.deadline_rules, ctx.filing_calendar
        found = ctx.memo[key] = (
            declaration_deadline(export_date, rules, calendar),
            normal_window_deadline(export_date, rules, calendar),
        )
    return found  # type: ignore[return-value]


def deadline(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    """申报期限 (DOMAIN §9, §16) on ``ctx.today``; red-letter corrections are not time-barred.

    Past the LIMIT rule's date the line is refused for the rule's ``consequence`` (for 2026
    exports: 36 months, treated as a domestic sale); past only the normal WINDOW it is a late
    declaration, allowed with 收汇 material (a warning)."""
    if ctx.today is None or line.is_red_letter:
        return
    due, window = _export_deadlines(line.export_date, ctx)
    extended = ctx.deadline_extensions.get(line.item_key[:18])
    due = max(due, extended) if extended is not None else due
    if window is not None and extended is not None:
        window = max(window, extended)
    params = {"export_date": line.export_date.isoformat()}
    if deadline_status(due, ctx.today).overdue:
        rule = select_rule(line.export_date, ctx.deadline_rules)
        yield on_line(
            "LOCAL_DEADLINE", line, rule_id=rule.rule_id, deadline=due.isoformat(),
            consequence=rule.consequence or "不能申报", **params,
        )  # fmt: skip
        return
    if window is not None and deadline_status(window, ctx.today).overdue:
        yield on_line("LOCAL_DEADLINE_LATE", line, deadline=window.isoformat(), **params)
        return
    upcoming = window if window is not None else due
    status = deadline_status(upcoming, ctx.today, ctx.deadline_warn_days)
    if status.warn:
        yield on_line(
            "LOCAL_DEADLINE_NEAR", line, days_left=status.days_left,
            deadline=upcoming.isoformat(), **params,
        )  # fmt: skip


LOCAL_RULES: tuple[LocalRule, ...] = (
    item_key_format,
    export_date_in_period,
    exchange_rates_exist,
    cny_matches_usd,
    library_match,
    trade_mode_refundable,
    invoice_format,
    deadline,
)
