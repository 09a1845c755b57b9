from datetime import date

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
    assert dl.remittance_deadline(export_date) == deadline


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
