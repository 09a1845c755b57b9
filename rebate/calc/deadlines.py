"""申报期限 and related dates, as dated rule records (DOMAIN §9).

**[project decision]** Deadline rules are data selected by the line's 出口日期, never code
constants; a caller may pass its own rule table (e.g. from the ``codes`` app).

* ``D2004_90D`` — exports before 2012-07-01: within 90 days of export [verified: 360docs;
  obsolete, kept for history].
* ``D2012_APRIL`` — exports 2012-07-01 to 2025-12-31: by the April VAT filing deadline of the
  following year [recalled: 公告2012年第24号]. That is usually 15 April, moved by holiday
  notices (a filing-calendar hook supplies it); 30 April is the outer bound.
* ``D2026_36M`` — exports from 2026-01-01: within 36 months, counted from the month after the
  export, i.e. up to the last day of export month + 36 [recalled/unverified: 2026
  announcements under the 增值税法; start point assumed].

Related: 收汇 is due by the 申报期截止之日 (§10) [recalled]; 进料加工核销 by 4月20日
[recalled]; 备案单证 are filed within 15 days after declaring (2022-9) [verified].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from rebate.calc.periods import Period

FREE_AND_CREDIT_DECLARATION = "A0305001"  # 生产企业免抵退税申报


class DeadlineKind(Enum):
    APRIL_NEXT_YEAR = "APRIL_NEXT_YEAR"
    MONTHS_AFTER_EXPORT = "MONTHS_AFTER_EXPORT"
    DAYS_AFTER_EXPORT = "DAYS_AFTER_EXPORT"


class DeadlineError(LookupError):
    """No (or more than one) enabled rule covers an export date."""


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    rule_id: str
    business_code: str
    export_date_from: date | None  # inclusive; None = open
    export_date_to: date | None  # inclusive; None = open
    kind: DeadlineKind
    months: int | None = None
    days: int | None = None
    legal_basis: str = ""
    status: str = "recalled"  # verified | recalled | unverified | obsolete
    enabled: bool = True

    def covers(self, business_code: str, export_date: date) -> bool:
        return (
            self.enabled
            and self.business_code == business_code
            and (self.export_date_from is None or self.export_date_from <= export_date)
            and (self.export_date_to is None or export_date <= self.export_date_to)
        )


DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "D2004_90D", FREE_AND_CREDIT_DECLARATION, None, date(2012, 6, 30),
        DeadlineKind.DAYS_AFTER_EXPORT, days=90,
        legal_basis="国税发〔2004〕64号", status="obsolete",
    ),
    DeadlineRule(
        "D2012_APRIL", FREE_AND_CREDIT_DECLARATION, date(2012, 7, 1), date(2025, 12, 31),
        DeadlineKind.APRIL_NEXT_YEAR,
        legal_basis="国家税务总局公告2012年第24号", status="recalled",
    ),
    DeadlineRule(
        "D2026_36M", FREE_AND_CREDIT_DECLARATION, date(2026, 1, 1), None,
        DeadlineKind.MONTHS_AFTER_EXPORT, months=36,
        legal_basis="财政部 税务总局 2026年公告（增值税法）; start point assumed",
        status="unverified",
    ),
)  # fmt: skip

# The April VAT filing deadline of a year, or None when the calendar has no entry for it.
FilingCalendar = Callable[[int], date | None]
DEFAULT_APRIL_DAY = 15
PROCESSING_WRITEOFF_DAY = (4, 20)  # 进料加工核销: 4月20日 [recalled]
DOCUMENT_FILING_DAYS = 15  # 备案单证 within 15 days after declaring [verified: 2022-9]


def select_rule(
    export_date: date,
    rules: Sequence[DeadlineRule] = DEFAULT_RULES,
    business_code: str = FREE_AND_CREDIT_DECLARATION,
) -> DeadlineRule:
    matching = [rule for rule in rules if rule.covers(business_code, export_date)]
    if len(matching) != 1:
        found = ", ".join(rule.rule_id for rule in matching) or "none"
        raise DeadlineError(
            f"{business_code} 出口日期 {export_date.isoformat()} 须恰好匹配一条期限规则"
            f" / exactly one deadline rule must cover this export date (found: {found})"
        )
    return matching[0]


def april_filing_deadline(year: int, calendar: FilingCalendar | None = None) -> date:
    """End of the April VAT filing period of ``year``: 15 April unless the calendar says
    otherwise; a calendar date outside April 1–30 is refused (30 April is the outer bound)."""
    if calendar is not None:
        deadline = calendar(year)
        if deadline is not None:
            if deadline.year != year or deadline.month != 4:
                raise DeadlineError(f"filing calendar gives {deadline} for April {year}")
            return deadline
    return date(year, 4, DEFAULT_APRIL_DAY)


def _apply(rule: DeadlineRule, export_date: date, calendar: FilingCalendar | None) -> date:
    if rule.kind is DeadlineKind.APRIL_NEXT_YEAR:
        return april_filing_deadline(export_date.year + 1, calendar)
    if rule.kind is DeadlineKind.MONTHS_AFTER_EXPORT:
        if rule.months is None:
            raise DeadlineError(f"rule {rule.rule_id} has no months")
        return Period.of(export_date).plus_months(rule.months).last_day
    if rule.days is None:
        raise DeadlineError(f"rule {rule.rule_id} has no days")
    return export_date + timedelta(days=rule.days)


def declaration_deadline(
    export_date: date,
    rules: Sequence[DeadlineRule] = DEFAULT_RULES,
    calendar: FilingCalendar | None = None,
    business_code: str = FREE_AND_CREDIT_DECLARATION,
) -> date:
    """The last day on which an export of ``export_date`` may be declared for 免抵退."""
    return _apply(select_rule(export_date, rules, business_code), export_date, calendar)


def remittance_deadline(
    export_date: date,
    rules: Sequence[DeadlineRule] = DEFAULT_RULES,
    calendar: FilingCalendar | None = None,
) -> date:
    """收汇 is due by the 退(免)税申报期截止之日 [recalled: 公告2013年第30号]."""
    return declaration_deadline(export_date, rules, calendar)


def processing_writeoff_deadline(year: int) -> date:
    """进料加工核销 of the manuals customs wrote off in ``year − 1`` is due by 20 April."""
    month, day = PROCESSING_WRITEOFF_DAY
    return date(year, month, day)


def document_filing_deadline(declared_on: date) -> date:
    """备案单证 must be kept in order within 15 days after the declaration."""
    return declared_on + timedelta(days=DOCUMENT_FILING_DAYS)


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    deadline: date
    days_left: int  # negative once overdue
    overdue: bool
    warn: bool  # due within the warning window (and not yet overdue)


def deadline_status(deadline: date, today: date, warn_days: int = 30) -> DeadlineStatus:
    """Days left until ``deadline`` (the deadline day itself is still in time)."""
    days_left = (deadline - today).days
    overdue = days_left < 0
    return DeadlineStatus(deadline, days_left, overdue, not overdue and days_left <= warn_days)
