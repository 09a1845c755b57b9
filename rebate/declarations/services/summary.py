"""生成汇总数据 (TS-20): the 19 rows of 《免抵退税申报汇总表》 by rebate.calc.mdt.

Row 13 is the previous declaration's row 16; column (b) 本年累计 chains from the previous
declaration of the same year (calc.mdt.accumulate_year); column (c) of row 9 compares with the
VAT return's 不得抵扣税额 (calc.mdt.difference_to_vat_return).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.calc.mdt import (
    ProcessingWriteoff,
    SummaryRows,
    YearToDate,
    accumulate_year,
    difference_to_vat_return,
    include_approved,
    summarise,
)
from rebate.calc.money import ZERO
from rebate.calc.periods import Period

from ..families import Family, Step
from ..models import Summary, SummaryLine
from ..selectors import (
    approved_history,
    latest_check,
    live_batch,
    previous_summary,
    summary_rows,
)
from .common import check_period, family_with

NON_CREDITABLE_TOTAL_ROW = 9
BLOCKING_LISTED = 20  # the refusal names this many 不可跳过 problems, then counts the rest


def _inputs(vat_transfer_out: Decimal, ending_credit: Decimal) -> None:
    errors = {}
    if ending_credit < 0:
        errors["ending_credit"] = "期末留底税额不能为负数"
    if vat_transfer_out < 0:
        errors["vat_transfer_out"] = "不得抵扣税额累加不能为负数"
    if errors:
        raise ValidationError(errors)


def compute_rows(
    fam: Family, enterprise: Any, period: str, ending_credit: Decimal, batch_id: int | None = None
) -> tuple[SummaryRows, SummaryRows, int]:
    """(当期, 本年累计, line count) of the period from calc."""
    assert fam.summary_totals is not None
    goods, services, count = fam.summary_totals(enterprise, period, batch_id)
    writeoff = fam.writeoff(enterprise, period) if fam.writeoff else ProcessingWriteoff()
    previous = previous_summary(enterprise, fam.key, period)
    carried = ZERO
    before: YearToDate | None = None
    if previous is not None:
        current_before, ytd_before = summary_rows(previous)
        carried = current_before.row(16)
        before = YearToDate(Period.parse(previous.period), ytd_before)
    before = include_approved(before, approved_history(enterprise, fam.key, period))
    current = summarise(goods, services, writeoff, carried, ending_credit)
    year = accumulate_year(before, Period.parse(period), current)
    return current, year.rows, count


def summary_staleness(fam: Family, enterprise: Any, summary: Summary) -> str:
    """Why a draft 汇总表 no longer matches the period's lines; "" while it still does.

    Stale when the lines changed after it was generated (an edit that moves no total still
    changes what would be declared), their count differs (deleted lines leave no timestamp)
    or any row computed now differs (the previous declaration behind row 13 was revoked, history
    read in since adds to 本年累计).
    """
    changed_at = fam.lines_changed_at(enterprise, summary.period) if fam.lines_changed_at else None
    now, year, count = compute_rows(fam, enterprise, summary.period, summary.ending_credit)
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


def _refuse_blocking_problems(enterprise: Any, family: str, period: str) -> None:
    """The period's last 数据一致性检查 must have no 不可跳过 problem (they are listed)."""
    run = latest_check(enterprise, family, period)
    if run is None or not run.blocking_count:
        return
    shown = run.issues.filter(skippable=False).order_by("line_no", "id")[:BLOCKING_LISTED]
    listed = [
        f"申报序号{i.line_no or '—'}{f'（{i.item_key}）' if i.item_key else ''}：{i.message}"
        for i in shown
    ]
    if run.blocking_count > len(listed):
        listed.append(f"……共{run.blocking_count}个不可跳过的问题")
    raise ValidationError(
        [
            f"数据一致性检查有{run.blocking_count}个不可跳过的问题，不能生成汇总数据，"
            "请修改明细数据并重新进行数据一致性检查",
            *listed,
        ]
    )


@transaction.atomic
def summary_generate(
    *,
    enterprise: Any,
    actor: Any,
    family: str,
    period: str,
    vat_transfer_out: Decimal,
    ending_credit: Decimal,
) -> Summary:
    fam = family_with(family, Step.SUMMARY)
    period = check_period(period)
    _inputs(vat_transfer_out, ending_credit)
    batch = live_batch(enterprise, fam.key, period)
    if batch is not None:
        raise ValidationError(
            f"所属期{period}已生成申报数据（批次{batch.number}，{batch.get_status_display()}），"
            "请先撤销申报数据后再生成汇总数据"
        )
    _refuse_blocking_problems(enterprise, fam.key, period)
    current, year, count = compute_rows(fam, enterprise, period, ending_credit)
    Summary.objects.filter(
        enterprise=enterprise, family=fam.key, period=period, batch=None
    ).delete()
    summary = Summary.objects.create(
        enterprise=enterprise,
        family=fam.key,
        period=period,
        vat_transfer_out=vat_transfer_out,
        ending_credit=ending_credit,
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
