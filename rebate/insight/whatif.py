"""退税试算 (what-if) before 生成汇总数据: the period's 汇总表 under another 期末留抵, with chosen
明细 lines moved to the next period, or under the rates of another rate-library version.

Every figure comes from rebate.calc through the functions the real 汇总 uses: the lines are
recomputed by ``calc.mdt.compute_goods`` (as goods.services does when a line is written) and
the rows by ``mdt.services.compute_rows`` (previous period's row 16, 进料加工核销, services,
本年累计). Nothing is written: this module only reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise
from rebate.calc.mdt import GoodsLine, GoodsTotals, SummaryRows, compute_goods
from rebate.calc.money import ZERO
from rebate.codes.selectors import RateNotFound, rate_lookup
from rebate.goods.services import CALC_INPUTS
from rebate.mdt.inputs import collected_lines
from rebate.mdt.selectors import SUMMARY_ROW_LABELS, draft_summary
from rebate.mdt.services import compute_rows

REFUND_ROW, EXEMPT_ROW, CREDIT_ROW = 18, 19, 17
LINE_FIELDS = (
    "pk",
    "sequence_no",
    "item_key",
    "commodity_code",
    "export_date",
    *CALC_INPUTS,  # what goods.services hands to calc when it writes a line
    "exempt_credit_refund",
)


@dataclass(frozen=True, slots=True)
class Scenario:
    ending_credit: Decimal
    moved: frozenset[int] = frozenset()  # ExportLine pks moved to the next period
    library_version: str = ""  # "" keeps each line's own 征税率/退税率


@dataclass(frozen=True, slots=True)
class RowChange:
    row: int
    label: str
    base: Decimal
    trial: Decimal

    @property
    def delta(self) -> Decimal:
        return self.trial - self.base


@dataclass(frozen=True, slots=True)
class RateChange:
    sequence_no: str
    item_key: str
    commodity_code: str
    before: tuple[Decimal, Decimal]  # (征税率, 退税率) on the line
    after: tuple[Decimal, Decimal]  # in the chosen library version


@dataclass(frozen=True, slots=True)
class WhatIf:
    period: str
    base_ending_credit: Decimal
    scenario: Scenario
    rows: tuple[RowChange, ...]
    line_count: int
    moved_count: int
    moved_refund: Decimal  # Σ 免抵退税额 of the moved lines as stored
    rate_changes: tuple[RateChange, ...]

    def row(self, number: int) -> RowChange:
        return self.rows[number - 1]

    @property
    def refund(self) -> RowChange:
        return self.row(REFUND_ROW)


def _goods_line(values: dict[str, Any], rates: tuple[Decimal, Decimal] | None) -> GoodsLine:
    levy, rebate = rates or (values["levy_rate"], values["rebate_rate"])
    return GoodsLine(
        id=values["sequence_no"],
        fob_usd=values["fob_usd"],
        fob_cny=values["fob_cny"],
        levy_rate=levy,
        rebate_rate=rebate,
        allocation_rate=values["allocation_rate"],
        duty_free_domestic_materials=values["domestic_free_materials"] or ZERO,
    )


def _library_rates(
    rows: Iterable[dict[str, Any]], version: str
) -> dict[tuple[str, date], tuple[Decimal, Decimal]]:
    """(征税率, 退税率) of each line's code on its 出口日期 in ``version``; a line the version
    has no rate for is refused by its 申报序号, nothing computed."""
    found: dict[tuple[str, date], tuple[Decimal, Decimal]] = {}
    missing: list[str] = []
    for values in rows:
        key = (values["commodity_code"], values["export_date"])
        if key in found:
            continue
        try:
            row = rate_lookup(key[0], key[1], version=version)
        except RateNotFound as exc:
            missing.append(f"申报序号{values['sequence_no']}：{exc}")
            continue
        found[key] = (row.levy_rate, row.rebate_rate)
    if missing:
        raise ValidationError({"library_version": "；".join(missing[:5])})
    return found


def _trial_goods(
    enterprise: Enterprise, period: str, scenario: Scenario
) -> tuple[GoodsTotals, int, Decimal, tuple[RateChange, ...]]:
    rows = list(collected_lines(enterprise, period).order_by("sequence_no").values(*LINE_FIELDS))
    stray = scenario.moved - {values["pk"] for values in rows}
    if stray:
        raise ValidationError({"moved": "所选明细不属于本所属期未申报的明细"})
    kept = [values for values in rows if values["pk"] not in scenario.moved]
    moved_refund = sum(
        (values["exempt_credit_refund"] for values in rows if values["pk"] in scenario.moved), ZERO
    )
    rates = _library_rates(kept, scenario.library_version) if scenario.library_version else {}
    lines, changes = [], []
    for values in kept:
        new = rates.get((values["commodity_code"], values["export_date"]))
        old = (values["levy_rate"], values["rebate_rate"])
        if new is not None and new != old:
            changes.append(
                RateChange(
                    values["sequence_no"], values["item_key"], values["commodity_code"], old, new
                )
            )
        lines.append(_goods_line(values, new))
    return compute_goods(lines).totals, len(lines), moved_refund, tuple(changes)


def _changes(base: SummaryRows, trial: SummaryRows) -> tuple[RowChange, ...]:
    return tuple(
        RowChange(row, SUMMARY_ROW_LABELS[row], base.row(row), trial.row(row))
        for row in sorted(SUMMARY_ROW_LABELS)
    )


def base_ending_credit(enterprise: Enterprise, period: str) -> Decimal | None:
    """期末留抵 of the period's 汇总数据 draft, None before 生成汇总数据."""
    draft = draft_summary(enterprise, period)
    return draft.ending_credit if draft is not None else None


def what_if(enterprise: Enterprise, period: str, scenario: Scenario) -> WhatIf:
    """The 19 rows as generated now (基准) beside the rows under ``scenario`` (试算).

    基准 takes the draft's 期末留抵 (the scenario's before 生成汇总数据)."""
    if scenario.ending_credit < 0:
        raise ValidationError({"ending_credit": "期末留抵税额不能为负数"})
    credit = base_ending_credit(enterprise, period)
    credit = scenario.ending_credit if credit is None else credit
    base, _, _ = compute_rows(enterprise, period, credit)
    goods, count, moved_refund, rate_changes = _trial_goods(enterprise, period, scenario)
    trial, _, _ = compute_rows(enterprise, period, scenario.ending_credit, goods=goods)
    return WhatIf(
        period=period,
        base_ending_credit=credit,
        scenario=scenario,
        rows=_changes(base, trial),
        line_count=count,
        moved_count=len(scenario.moved),
        moved_refund=moved_refund,
        rate_changes=rate_changes,
    )
