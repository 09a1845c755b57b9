"""申报期限 and related dates, as dated rule records (DOMAIN §9, §16).

**[project decision]** Deadline rules are data selected by the line's 出口日期, never code
constants; a caller may pass its own rule table (e.g. from the ``codes`` app). Each rule has a
``purpose``: the hard 申报期限 (``LIMIT``: past it the line is refused, for the reason in
``consequence``), the normal window (``WINDOW``: past it a declaration is still possible but
late, so it needs 收汇 material — a warning), or the 收汇 due date (``REMITTANCE``).

* ``D2004_90D`` — exports before 2012-07-01: within 90 days of export [verified: 360docs;
  obsolete, kept for history].
* ``D2012_APRIL`` — exports 2012-07-01 to 2025-12-31: by the April VAT filing deadline of the
  following year [recalled: 公告2012年第24号]. That is usually 15 April, moved by holiday
  notices (a filing-calendar hook supplies it); 30 April is the outer bound. Late → no 免抵退.
* ``D2026_APRIL`` (window) and ``D2026_36M`` (limit) — exports from 2026-01-01 (国家税务总局
  公告2026年第5号): normally by the April VAT period of the next year, later only with 收汇
  material; not declared within 36 months (last day of export month + 36) → treated as a
  domestic sale [window verified: ssfb86 19589; 36 months: final wording unverified].
* 收汇: ``R2013_DECL`` — before 2026 by the 申报期截止之日 [recalled: 公告2013年第30号];
  ``R2026_APRIL30`` — from 2026 by 30 April of the year after export, or a later contract term
  but ≤ 36 months after export (Art. 48) [verified: ssfb86 19622].

Related: 进料加工核销 by 4月20日 [recalled]; 备案单证 are filed within 15 days after declaring
(2022-9) [verified].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from rebate.calc.periods import Period

FREE_AND_CREDIT_DECLARATION = "A0305001"  # 生产企业免抵退税申报


class DeadlineKind(Enum):
    APRIL_NEXT_YEAR = "APRIL_NEXT_YEAR"  # the April VAT filing deadline of export year + 1
    APRIL_30_NEXT_YEAR = "APRIL_30_NEXT_YEAR"  # 30 April of export year + 1, fixed
    MONTHS_AFTER_EXPORT = "MONTHS_AFTER_EXPORT"
    DAYS_AFTER_EXPORT = "DAYS_AFTER_EXPORT"
    AS_DECLARATION = "AS_DECLARATION"  # the date of the LIMIT rule covering the export


class DeadlinePurpose(Enum):
    LIMIT = "LIMIT"  # 申报期限: past it the line is refused (``consequence``)
    WINDOW = "WINDOW"  # 正常申报期: past it the declaration is late and needs 收汇 material
    REMITTANCE = "REMITTANCE"  # 收汇期限


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
    purpose: DeadlinePurpose = DeadlinePurpose.LIMIT
    consequence: str = ""  # what missing the date means, shown in the refusal or warning

    def covers(
        self,
        business_code: str,
        export_date: date,
        purpose: DeadlinePurpose = DeadlinePurpose.LIMIT,
    ) -> bool:
        return (
            self.enabled
            and self.purpose is purpose
            and self.business_code == business_code
            and (self.export_date_from is None or self.export_date_from <= export_date)
            and (self.export_date_to is None or export_date <= self.export_date_to)
        )


_LIMIT, _WINDOW, _REMITTANCE = DeadlinePurpose
NO_REBATE = "逾期未申报，不能申报免抵退税"
DOMESTIC_SALE = "超过出口之日起36个月仍未申报，视同内销货物，不能申报免抵退税"
LATE_NEEDS_RECEIPTS = "已过正常申报期，逾期申报须提供收汇材料"

DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "D2004_90D", FREE_AND_CREDIT_DECLARATION, None, date(2012, 6, 30),
        DeadlineKind.DAYS_AFTER_EXPORT, days=90,
        legal_basis="国税发〔2004〕64号", status="obsolete", consequence=NO_REBATE,
    ),
    DeadlineRule(
        "D2012_APRIL", FREE_AND_CREDIT_DECLARATION, date(2012, 7, 1), date(2025, 12, 31),
        DeadlineKind.APRIL_NEXT_YEAR,
        legal_basis="国家税务总局公告2012年第24号", status="recalled", consequence=NO_REBATE,
    ),
    DeadlineRule(
        "D2026_36M", FREE_AND_CREDIT_DECLARATION, date(2026, 1, 1), None,
        DeadlineKind.MONTHS_AFTER_EXPORT, months=36,
        legal_basis="国家税务总局公告2026年第5号（36个月的最终措辞待核实）",
        status="unverified", consequence=DOMESTIC_SALE,
    ),
    DeadlineRule(
        "D2026_APRIL", FREE_AND_CREDIT_DECLARATION, date(2026, 1, 1), None,
        DeadlineKind.APRIL_NEXT_YEAR,
        legal_basis="国家税务总局公告2026年第5号", status="verified",
        purpose=_WINDOW, consequence=LATE_NEEDS_RECEIPTS,
    ),
    DeadlineRule(
        "R2013_DECL", FREE_AND_CREDIT_DECLARATION, None, date(2025, 12, 31),
        DeadlineKind.AS_DECLARATION,
        legal_basis="国家税务总局公告2013年第30号", status="recalled",
        purpose=_REMITTANCE, consequence="未在申报期截止之日前收汇，不能退税或追回已退税款",
    ),
    DeadlineRule(
        "R2026_APRIL30", FREE_AND_CREDIT_DECLARATION, date(2026, 1, 1), None,
        DeadlineKind.APRIL_30_NEXT_YEAR, months=36,
        legal_basis="国家税务总局公告2026年第5号第四十八条", status="verified",
        purpose=_REMITTANCE, consequence="未按期收汇，须留存《出口业务收汇情况表》及举证材料",
    ),
)  # fmt: skip

# The April VAT filing deadline of a year, or None when the calendar has no entry for it.
FilingCalendar = Callable[[int], date | None]
DEFAULT_APRIL_DAY = 15
PROCESSING_WRITEOFF_DAY = (4, 20)  # 进料加工核销: 4月20日 [recalled]


def select_rule(
    export_date: date,
    rules: Sequence[DeadlineRule] = DEFAULT_RULES,
    business_code: str = FREE_AND_CREDIT_DECLARATION,
    purpose: DeadlinePurpose = DeadlinePurpose.LIMIT,
) -> DeadlineRule:
    """The one enabled LIMIT rule (or of ``purpose``) covering ``export_date``."""
    matching = [rule for rule in rules if rule.covers(business_code, export_date, purpose)]
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


def find_rule(
    export_date: date,
    rules: Sequence[DeadlineRule],
    purpose: DeadlinePurpose,
    business_code: str = FREE_AND_CREDIT_DECLARATION,
) -> DeadlineRule | None:
    """Like select_rule, but None when no rule of ``purpose`` covers the date (a window or a
    收汇 rule need not exist for every period); two covering rules are still an error."""
    if not any(rule.covers(business_code, export_date, purpose) for rule in rules):
        return None
    return select_rule(export_date, rules, business_code, purpose)


def _apply(
    rule: DeadlineRule,
    export_date: date,
    calendar: FilingCalendar | None,
    rules: Sequence[DeadlineRule],
) -> date:
    if rule.kind is DeadlineKind.APRIL_NEXT_YEAR:
        return april_filing_deadline(export_date.year + 1, calendar)
    if rule.kind is DeadlineKind.APRIL_30_NEXT_YEAR:
        return date(export_date.year + 1, 4, 30)
    if rule.kind is DeadlineKind.AS_DECLARATION:
        limit = select_rule(export_date, rules, rule.business_code)
        return _apply(limit, export_date, calendar, rules)
    if rule.kind is DeadlineKind.MONTHS_AFTER_EXPORT:
        if rule.months is None:
            raise DeadlineError(f"rule {rule.rule_id} has no months")
        return _months_after(export_date, rule.months)
    if rule.days is None:
        raise DeadlineError(f"rule {rule.rule_id} has no days")
    return export_date + timedelta(days=rule.days)


def _months_after(export_date: date, months: int) -> date:
    return Period.of(export_date).plus_months(months).last_day


def declaration_deadline(
    export_date: date,
    rules: Sequence[DeadlineRule] = DEFAULT_RULES,
    calendar: FilingCalendar | None = None,
    business_code: str = FREE_AND_CREDIT_DECLARATION,
) -> date:
    """The last day on which an export of ``export_date`` may be declared for 免抵退 at all."""
    return _apply(select_rule(export_date, rules, business_code), export_date, calendar, rules)


def normal_window_deadline(
    export_date: date,
    rules: Sequence[DeadlineRule] = DEFAULT_RULES,
    calendar: FilingCalendar | None = None,
    business_code: str = FREE_AND_CREDIT_DECLARATION,
) -> date | None:
    """The end of the normal window when the export's regime has one (from 2026), else None."""
    rule = find_rule(export_date, rules, DeadlinePurpose.WINDOW, business_code)
    return None if rule is None else _apply(rule, export_date, calendar, rules)


def remittance_deadline(
    export_date: date,
    rules: Sequence[DeadlineRule] = DEFAULT_RULES,
    calendar: FilingCalendar | None = None,
    contract_due: date | None = None,
) -> date:
    """收汇 due date by the dated REMITTANCE rule. Where the rule has ``months`` (2026, Art. 48)
    a later contract collection date counts, but never beyond that many months after export."""
    rule = select_rule(export_date, rules, FREE_AND_CREDIT_DECLARATION, DeadlinePurpose.REMITTANCE)
    due = _apply(rule, export_date, calendar, rules)
    if contract_due is not None and rule.months is not None and contract_due > due:
        due = min(contract_due, _months_after(export_date, rule.months))
    return due


@dataclass(frozen=True, slots=True)
class LineDeadline:
    """One dated deadline of an export line, as shown next to it."""

    label: str
    due: date
    rule_id: str
    consequence: str


def line_deadlines(
    export_date: date,
    rules: Sequence[DeadlineRule] = DEFAULT_RULES,
    calendar: FilingCalendar | None = None,
    contract_due: date | None = None,
) -> list[LineDeadline]:
    """Every deadline the regime of ``export_date`` gives a 免抵退 line, earliest first; a
    date no rule covers is simply absent (the rule table decides which exist)."""
    found: list[LineDeadline] = []
    window = find_rule(export_date, rules, DeadlinePurpose.WINDOW)
    if window is not None:
        due = _apply(window, export_date, calendar, rules)
        found.append(LineDeadline("正常申报期限", due, window.rule_id, window.consequence))
    limit = find_rule(export_date, rules, DeadlinePurpose.LIMIT)
    if limit is not None:
        label = "最终申报期限" if window is not None else "申报期限"
        due = _apply(limit, export_date, calendar, rules)
        found.append(LineDeadline(label, due, limit.rule_id, limit.consequence))
    receipt = find_rule(export_date, rules, DeadlinePurpose.REMITTANCE)
    if receipt is not None:
        due = remittance_deadline(export_date, rules, calendar, contract_due)
        found.append(LineDeadline("收汇期限", due, receipt.rule_id, receipt.consequence))
    return sorted(found, key=lambda item: item.due)


def processing_writeoff_deadline(year: int) -> date:
    """进料加工核销 of the manuals customs wrote off in ``year − 1`` is due by 20 April."""
    month, day = PROCESSING_WRITEOFF_DAY
    return date(year, month, day)


@dataclass(frozen=True, slots=True)
class DocumentRule:
    """备案单证: put in order within ``days`` after declaring, kept ``keep_years``; chosen by the
    申报 date (the declaration, not the export, starts both clocks)."""

    rule_id: str
    declared_from: date | None  # inclusive; None = open
    declared_to: date | None  # inclusive; None = open
    days: int
    keep_years: int
    legal_basis: str = ""
    status: str = "recalled"

    def covers(self, declared_on: date) -> bool:
        return (self.declared_from is None or self.declared_from <= declared_on) and (
            self.declared_to is None or declared_on <= self.declared_to
        )


DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    # 15 days [verified: 2022-9 summary]; the keeping term of that era was not read: the 2026
    # term is assumed, so a document is never released earlier than the law may ask.
    DocumentRule(
        "DOC2012_15D", None, date(2025, 12, 31), 15, 10,
        legal_basis="国家税务总局公告2012年第24号、2022年第9号", status="recalled",
    ),
    DocumentRule(
        "DOC2026_15D", date(2026, 1, 1), None, 15, 10,
        legal_basis="国家税务总局公告2026年第5号 第44–46条", status="verified",
    ),
)  # fmt: skip


def document_rule(
    declared_on: date, rules: Sequence[DocumentRule] = DOCUMENT_RULES
) -> DocumentRule:
    matching = [rule for rule in rules if rule.covers(declared_on)]
    if len(matching) != 1:
        raise DeadlineError(f"申报日期 {declared_on.isoformat()} 须恰好匹配一条备案单证规则")
    return matching[0]


def document_filing_deadline(
    declared_on: date, rules: Sequence[DocumentRule] = DOCUMENT_RULES
) -> date:
    """备案单证 must be kept in order within the rule's days after the declaration."""
    return declared_on + timedelta(days=document_rule(declared_on, rules).days)


def document_keep_until(declared_on: date, rules: Sequence[DocumentRule] = DOCUMENT_RULES) -> date:
    """The last day a 备案单证 (and its catalogue entry) must still be kept."""
    years = document_rule(declared_on, rules).keep_years
    try:
        return declared_on.replace(year=declared_on.year + years)
    except ValueError:  # 29 February: the term ends on 28 February
        return declared_on.replace(year=declared_on.year + years, day=28)


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


@dataclass(frozen=True, slots=True)
class OverseasRule:
    """HWC-YT (9810 overseas warehouse, pre-refunded at export): the goods' sale must be reconciled
    by the April VAT filing period of ``years_after`` years after the export year; chosen by the
    出口日期 (exports before the announcement had no pre-refund, so no rule covers them)."""

    rule_id: str
    export_from: date  # inclusive
    export_to: date | None  # inclusive; None = open
    years_after: int
    legal_basis: str = ""
    status: str = "recalled"


OVERSEAS_RULES: tuple[OverseasRule, ...] = (
    OverseasRule(
        "HWC2025_APR", date(2025, 1, 27), None, 1,
        legal_basis="财政部 税务总局公告2025年第3号", status="verified",
    ),
)  # fmt: skip


def overseas_reconcile_deadline(
    export_date: date,
    calendar: FilingCalendar | None = None,
    rules: Sequence[OverseasRule] = OVERSEAS_RULES,
) -> date:
    """The last day a pre-refunded HWC-YT line may be reconciled (sold, or repaid/adjusted)."""
    matching = [
        r
        for r in rules
        if r.export_from <= export_date and (r.export_to is None or export_date <= r.export_to)
    ]
    if len(matching) != 1:
        raise DeadlineError(f"出口日期 {export_date.isoformat()} 须恰好匹配一条海外仓核销规则")
    return april_filing_deadline(export_date.year + matching[0].years_after, calendar)
