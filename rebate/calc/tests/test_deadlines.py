from datetime import date
from decimal import Decimal

import pytest

from rebate.calc import deadlines as dl


@pytest.mark.parametrize(
    ("export_date", "rule_id", "deadline"),
    [
        (date(2011, 12, 1), "D2004_90D", date(2012, 2, 29)),
        (date(2012, 7, 1), "D2012_APRIL", date(2013, 4, 15)),
        (date(2025, 1, 10), "D2012_APRIL", date(2026, 4, 15)),
        (date(2025, 12, 31), "D2012_APRIL", date(2026, 4, 15)),
        (date(2026, 1, 1), "D2026_36M", date(2029, 1, 31)),
        (date(2026, 3, 15), "D2026_36M", date(2029, 3, 31)),
    ],
)
def test_rule_selection_and_deadline(export_date: date, rule_id: str, deadline: date) -> None:
    assert dl.select_rule(export_date).rule_id == rule_id
    assert dl.declaration_deadline(export_date) == deadline


def test_filing_calendar_moves_the_april_deadline() -> None:
    calendar = {2026: date(2026, 4, 22)}.get
    assert dl.declaration_deadline(date(2025, 6, 1), calendar=calendar) == date(2026, 4, 22)
    assert dl.april_filing_deadline(2027, calendar) == date(2027, 4, 15)  # no entry: default
    with pytest.raises(dl.DeadlineError):
        dl.april_filing_deadline(2026, lambda year: date(year, 5, 6))  # beyond 30 April


def test_rules_are_data_that_can_be_disabled_or_replaced() -> None:
    from dataclasses import replace

    rules = tuple(
        replace(rule, enabled=False) if rule.rule_id == "D2026_36M" else rule
        for rule in dl.DEFAULT_RULES
    )
    with pytest.raises(dl.DeadlineError, match="none"):
        dl.select_rule(date(2026, 2, 1), rules)
    overlapping = (*dl.DEFAULT_RULES, replace(dl.DEFAULT_RULES[2], rule_id="X"))
    with pytest.raises(dl.DeadlineError, match="X"):
        dl.select_rule(date(2026, 2, 1), overlapping)
    assert all(rule.legal_basis for rule in dl.DEFAULT_RULES)


def test_other_dates() -> None:
    assert dl.processing_writeoff_deadline(2026) == date(2026, 4, 20)
    assert dl.document_filing_deadline(date(2026, 5, 20)) == date(2026, 6, 4)


@pytest.mark.parametrize(
    ("today", "days_left", "overdue", "warn"),
    [
        (date(2026, 3, 1), 45, False, False),
        (date(2026, 4, 1), 14, False, True),
        (date(2026, 4, 15), 0, False, True),
        (date(2026, 4, 16), -1, True, False),
    ],
)
def test_deadline_status(today: date, days_left: int, overdue: bool, warn: bool) -> None:
    status = dl.deadline_status(date(2026, 4, 15), today, warn_days=30)
    assert (status.days_left, status.overdue, status.warn) == (days_left, overdue, warn)


@pytest.mark.parametrize(
    ("export_date", "window", "limit", "receipt", "receipt_rule"),
    [
        # the last day of the old regime: one April deadline, 收汇 by that same day
        (date(2025, 12, 31), None, date(2026, 4, 15), date(2026, 4, 15), "R2013_DECL"),
        # the first day of the new one: April window, 36-month limit, 收汇 by 30 April
        (
            date(2026, 1, 1),
            date(2027, 4, 15),
            date(2029, 1, 31),
            date(2027, 4, 30),
            "R2026_APRIL30",
        ),
    ],
)
def test_2026_regime_on_both_sides(
    export_date: date, window: date | None, limit: date, receipt: date, receipt_rule: str
) -> None:
    assert dl.normal_window_deadline(export_date) == window
    assert dl.declaration_deadline(export_date) == limit
    assert dl.remittance_deadline(export_date) == receipt
    shown = {item.rule_id: (item.label, item.due) for item in dl.line_deadlines(export_date)}
    assert shown[receipt_rule] == ("收汇期限", receipt)
    if window is None:
        assert shown["D2012_APRIL"] == ("申报期限", limit) and len(shown) == 2
    else:
        assert shown["D2026_APRIL"] == ("正常申报期限", window)
        assert shown["D2026_36M"] == ("最终申报期限", limit)
        assert "视同内销" in dl.select_rule(export_date).consequence


def test_remittance_contract_term_counts_up_to_36_months() -> None:
    exported = date(2026, 3, 15)
    assert dl.remittance_deadline(exported, contract_due=date(2027, 1, 1)) == date(2027, 4, 30)
    assert dl.remittance_deadline(exported, contract_due=date(2028, 6, 30)) == date(2028, 6, 30)
    assert dl.remittance_deadline(exported, contract_due=date(2030, 1, 1)) == date(2029, 3, 31)
    # before 2026 the contract term does not move the 申报期截止之日
    assert dl.remittance_deadline(date(2025, 3, 15), contract_due=date(2027, 1, 1)) == date(
        2026, 4, 15
    )


def _deadline_findings(export_date: date, today: date) -> list[tuple[str, bool, str]]:
    from rebate.calc.checks import CheckContext, DeclaredLine, run_checks

    line = DeclaredLine(
        line_id="0001", item_key="222920260000000001001", export_date=export_date,
        commodity_code="8501109999", unit="台", quantity=Decimal(1), fob_usd=Decimal(100),
        fob_cny=Decimal(720), levy_rate=Decimal("0.13"), rebate_rate=Decimal("0.13"),
    )  # fmt: skip
    issues = run_checks([line], CheckContext(today=today), only=DEADLINE_CODES)
    return [(issue.code, issue.skippable, issue.message) for issue in issues]


DEADLINE_CODES = {"LOCAL_DEADLINE", "LOCAL_DEADLINE_LATE", "LOCAL_DEADLINE_NEAR"}


def test_a_2026_export_is_late_after_april_and_refused_after_36_months() -> None:
    exported = date(2026, 1, 20)
    assert _deadline_findings(exported, date(2027, 3, 1)) == []
    [(code, skippable, message)] = _deadline_findings(exported, date(2027, 4, 16))
    assert (code, skippable) == ("LOCAL_DEADLINE_LATE", True) and "收汇材料" in message
    [(code, skippable, _)] = _deadline_findings(exported, date(2029, 1, 31))
    assert code == "LOCAL_DEADLINE_LATE"  # the last day of the 36 months is still in time
    [(code, skippable, message)] = _deadline_findings(exported, date(2029, 2, 1))
    assert (code, skippable) == ("LOCAL_DEADLINE", False)
    assert "视同内销" in message and "D2026_36M" in message and "2029-01-31" in message


def test_a_2025_export_has_no_late_window_it_is_refused_after_april() -> None:
    exported = date(2025, 12, 31)
    assert _deadline_findings(exported, date(2026, 3, 1)) == []
    [(code, skippable, message)] = _deadline_findings(exported, date(2026, 4, 16))
    assert (code, skippable) == ("LOCAL_DEADLINE", False)
    assert "D2012_APRIL" in message and "视同内销" not in message


@pytest.mark.parametrize(
    ("export_date", "due"),
    [
        (date(2025, 1, 27), date(2026, 4, 15)),  # the first day of 公告2025年第3号
        (date(2025, 12, 31), date(2026, 4, 15)),
        (date(2026, 1, 1), date(2027, 4, 15)),
    ],
)
def test_overseas_reconcile_by_april_period_of_next_year(export_date, due) -> None:
    assert dl.overseas_reconcile_deadline(export_date) == due
    status = dl.deadline_status(dl.overseas_reconcile_deadline(export_date), due)
    assert not status.overdue  # the deadline day is still in time
    later = dl.deadline_status(due, date(due.year, 4, 16))
    assert later.overdue and later.days_left == -1


def test_overseas_reconcile_follows_the_filing_calendar_and_has_no_rule_before_2025() -> None:
    moved = dl.overseas_reconcile_deadline(date(2025, 3, 1), calendar=lambda y: date(y, 4, 20))
    assert moved == date(2026, 4, 20)
    with pytest.raises(dl.DeadlineError, match="海外仓核销规则"):
        dl.overseas_reconcile_deadline(date(2025, 1, 26))  # no pre-refund before the announcement
