"""生成汇总数据 (TS-20): the 19 rows of 《免抵退税申报汇总表》 by rebate.calc.mdt.

Row 13 is the previous declaration's row 16; column (b) 本年累计 chains from the previous
declaration of the same year (calc.mdt.accumulate_year); column (c) of row 9 compares with the
VAT return's 不得抵扣税额 (calc.mdt.difference_to_vat_return).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import Enterprise, User
from rebate.calc.mdt import (
    GoodsTotals,
    SummaryRows,
    YearToDate,
    accumulate_year,
    difference_to_vat_return,
    include_approved,
    summarise,
)
from rebate.calc.money import ZERO
from rebate.calc.periods import Period
from rebate.declarations.families import Step
from rebate.declarations.selectors import live_batch
from rebate.declarations.services import check_period, family_with, refuse_blocking_problems

from . import KEY
from .models import Summary, SummaryLine
from .selectors import approved_history, previous_summary, summary_rows
from .totals import mdt_lines_changed_at, mdt_summary_totals, mdt_writeoff
from .vat_return import fetch as fetch_vat_return

NON_CREDITABLE_TOTAL_ROW = 9


def _row_17(
    enterprise: Enterprise, period: str, typed: Decimal | None, reason: str
) -> tuple[Decimal, Decimal | None]:
    """(row 17, the bureau's 期末留抵) — row 17 comes from the filed VAT return; a typed value
    that differs from it is refused without a reason (DOMAIN §16, Art. 15)."""
    filed, problem = fetch_vat_return(enterprise, period)
    held = filed.ending_credit if filed is not None else None
    if typed is None:
        if held is None:
            why = f"无法从税务局查询增值税纳税申报表（{problem}）" if problem else (
                f"税局尚无所属期{period}的增值税纳税申报表"
            )  # fmt: skip
            raise ValidationError({"ending_credit": f"{why}，请填写期末留底税额"})
        return held, held
    if held is not None and typed != held and not reason.strip():
        raise ValidationError(
            {
                "ending_credit_reason": (
                    f"期末留底税额{typed}与所属期{period}增值税纳税申报表的期末留抵税额{held}"
                    "不一致，请填写差异原因"
                )
            }
        )
    return typed, held


def _inputs(vat_transfer_out: Decimal, ending_credit: Decimal | None) -> None:
    errors = {}
    if ending_credit is not None and ending_credit < 0:
        errors["ending_credit"] = "期末留底税额不能为负数"
    if vat_transfer_out < 0:
        errors["vat_transfer_out"] = "不得抵扣税额累加不能为负数"
    if errors:
        raise ValidationError(errors)


def compute_rows(
    enterprise: Enterprise,
    period: str,
    ending_credit: Decimal,
    batch_id: int | None = None,
    *,
    goods: GoodsTotals | None = None,
) -> tuple[SummaryRows, SummaryRows, int]:
    """(当期, 本年累计, line count) of the period from calc. ``goods`` replaces the stored lines'
    totals (the what-if of rebate.insight: lines moved away, other rates), so a trial runs the
    very rows the real 汇总 runs."""
    stored, services, count = mdt_summary_totals(enterprise, period, batch_id)
    goods = stored if goods is None else goods
    writeoff = mdt_writeoff(enterprise, period)
    previous = previous_summary(enterprise, period)
    carried = ZERO
    before: YearToDate | None = None
    if previous is not None:
        current_before, ytd_before = summary_rows(previous)
        carried = current_before.row(16)
        before = YearToDate(Period.parse(previous.period), ytd_before)
    before = include_approved(before, approved_history(enterprise, period))
    current = summarise(goods, services, writeoff, carried, ending_credit)
    year = accumulate_year(before, Period.parse(period), current)
    return current, year.rows, count


def summary_staleness(enterprise: Enterprise, summary: Summary) -> str:
    """Why a draft 汇总表 no longer matches the period's lines; "" while it still does.

    Stale when the lines changed after it was generated (an edit that moves no total still
    changes what would be declared), their count differs (deleted lines leave no timestamp)
    or any row computed now differs (the previous declaration behind row 13 was revoked, history
    read in since adds to 本年累计).
    """
    changed_at = mdt_lines_changed_at(enterprise, summary.period)
    now, year, count = compute_rows(enterprise, summary.period, summary.ending_credit)
    if count != summary.line_count:
        return f"生成汇总数据时{summary.line_count}条明细，现有{count}条明细"
    if changed_at is not None and changed_at > summary.updated_at:
        return "生成汇总数据后明细数据有修改"
    stored, stored_year = summary_rows(summary)
    rows = [
        str(r)
        for r in range(1, 20)
        if now.row(r) != stored.row(r) or year.row(r) != stored_year.row(r)
    ]
    return f"第{'、'.join(rows)}栏与现有数据不一致" if rows else ""


@transaction.atomic
def summary_generate(
    *,
    enterprise: Enterprise,
    actor: User,
    period: str,
    vat_transfer_out: Decimal,
    ending_credit: Decimal | None,
    ending_credit_reason: str = "",
) -> Summary:
    """生成汇总数据: the period's draft 汇总表 (replacing an earlier draft); row 17 from the
    bureau's filed VAT return unless typed (a differing typed value needs its reason)."""
    family_with(KEY, Step.SUMMARY)
    period = check_period(period)
    _inputs(vat_transfer_out, ending_credit)
    batch = live_batch(enterprise, KEY, period)
    if batch is not None:
        raise ValidationError(
            f"所属期{period}已生成申报数据（批次{batch.number}，{batch.get_status_display()}），"
            "请先撤销申报数据后再生成汇总数据"
        )
    refuse_blocking_problems(enterprise, KEY, period, "生成汇总数据")
    ending_credit, held = _row_17(enterprise, period, ending_credit, ending_credit_reason)
    current, year, count = compute_rows(enterprise, period, ending_credit)
    Summary.objects.filter(enterprise=enterprise, family=KEY, period=period, batch=None).delete()
    summary = Summary.objects.create(
        enterprise=enterprise,
        family=KEY,
        period=period,
        vat_transfer_out=vat_transfer_out,
        ending_credit=ending_credit,
        vat_return_credit=held,
        ending_credit_reason=ending_credit_reason.strip() if ending_credit != held else "",
        line_count=count,
        generated_by=actor if getattr(actor, "pk", None) else None,
    )
    difference = difference_to_vat_return(current, vat_transfer_out)
    SummaryLine.objects.bulk_create(
        SummaryLine(
            enterprise=enterprise,
            summary=summary,
            row=row,
            current=value,
            year_to_date=year.row(row),
            vat_difference=difference if row == NON_CREDITABLE_TOTAL_ROW else None,
        )
        for row, value in current.as_rows().items()
    )
    return summary
