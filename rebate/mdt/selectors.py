"""Reads of the 免抵退 family's 汇总表; the first argument is always the enterprise."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rebate.accounts.models import Enterprise
from rebate.calc.mdt import ApprovedDeclaration, SummaryRows
from rebate.calc.money import ZERO
from rebate.calc.periods import Period
from rebate.declarations.choices import BatchStatus, ReviewResultKind
from rebate.declarations.selectors import reviews

from . import KEY
from .models import Summary

SUMMARY_ROW_LABELS: dict[int, str] = {
    1: "免抵退税出口销售额（美元）",
    2: "其中：出口货物劳务销售额（美元）",
    3: "跨境应税行为销售额（美元）",
    4: "免抵退税出口销售额（人民币）",
    5: "免抵退税不得免征和抵扣税额",
    6: "其中：出口货物劳务不得免征和抵扣税额",
    7: "跨境应税行为不得免征和抵扣税额",
    8: "进料加工核销应调整不得免征和抵扣税额",
    9: "免抵退税不得免征和抵扣税额合计",
    10: "免抵退税额",
    11: "其中：出口货物劳务免抵退税额",
    12: "跨境应税行为免抵退税额",
    13: "上期结转需冲减的免抵退税额",
    14: "进料加工核销应调整免抵退税额",
    15: "免抵退税额合计",
    16: "结转下期需冲减的免抵退税额",
    17: "增值税纳税申报表期末留抵税额",
    18: "应退税额",
    19: "免抵税额",
}
SUMMARY_ROW_RULES: dict[int, str] = {
    1: "1=2+3",
    5: "5=6+7",
    9: "9=5+8",
    10: "10=11+12",
    15: "15=10-13+14（小于0时填0）",
    16: "16=13-10-14+15",
    18: "15>17时18=17，否则18=15",
    19: "19=15-18",
}


def draft_summary(enterprise: Enterprise, period: str) -> Summary | None:
    return (
        Summary.objects.for_enterprise(enterprise)
        .filter(family=KEY, period=period, batch__isnull=True)
        .first()
    )


def latest_summary(enterprise: Enterprise, period: str | None = None) -> Summary | None:
    rows = Summary.objects.for_enterprise(enterprise).filter(family=KEY)
    if period:
        rows = rows.filter(period=period)
    return rows.order_by("-period", "-id").first()


def previous_summary(enterprise: Enterprise, period: str) -> Summary | None:
    """The summary of the enterprise's last declaration before ``period`` (a live batch's)."""
    return (
        Summary.objects.for_enterprise(enterprise)
        .filter(family=KEY, period__lt=period, batch__isnull=False)
        .exclude(batch__status=BatchStatus.REVOKED)
        .order_by("-period", "-id")
        .first()
    )


def approved_history(enterprise: Enterprise, period: str) -> list[ApprovedDeclaration]:
    """The year's declarations before ``period`` that are known only from feedback and were
    approved: they count in 本年累计 once read in."""
    rows = reviews(enterprise, KEY).filter(
        batch__isnull=True,
        result=ReviewResultKind.PASSED,
        period__startswith=period[:4],
        period__lt=period,
    )
    return [
        ApprovedDeclaration(
            Period.parse(r.period),
            r.figure("fob_usd_total") or ZERO,
            r.figure("fob_cny_total") or ZERO,
            r.figure("exempt_credit_refund") or ZERO,
            r.figure("refund_due") or ZERO,
            r.figure("exempt_credit") or ZERO,
        )
        for r in rows
    ]


def summary_rows(summary: Summary) -> tuple[SummaryRows, SummaryRows]:
    """(当期, 本年累计) of a stored summary as calc's SummaryRows."""
    lines = list(summary.lines.all())
    current = SummaryRows.from_rows({line.row: line.current for line in lines})
    year = SummaryRows.from_rows({line.row: line.year_to_date for line in lines})
    return current, year


@dataclass(frozen=True)
class SummaryTableRow:
    row: int
    label: str
    rule: str
    current: Decimal
    year_to_date: Decimal
    vat_difference: Decimal | None


def summary_table(summary: Summary) -> list[SummaryTableRow]:
    """The official 19-row layout: 栏次, 项目, 当期 (a), 本年累计 (b), 差额 (c)."""
    return [
        SummaryTableRow(
            line.row,
            SUMMARY_ROW_LABELS[line.row],
            SUMMARY_ROW_RULES.get(line.row, ""),
            line.current,
            line.year_to_date,
            line.vat_difference,
        )
        for line in summary.lines.order_by("row")
    ]
