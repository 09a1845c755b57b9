"""备案单证 dates (DOMAIN §16): chosen by the 申报 date, on both sides of 2026-01-01."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rebate.calc import deadlines as dl


def test_the_rule_is_chosen_by_the_declaration_date() -> None:
    assert dl.document_rule(date(2025, 12, 31)).rule_id == "DOC2012_15D"
    assert dl.document_rule(date(2026, 1, 1)).rule_id == "DOC2026_15D"
    assert dl.document_filing_deadline(date(2025, 12, 31)) == date(2026, 1, 15)
    assert dl.document_filing_deadline(date(2026, 5, 20)) == date(2026, 6, 4)
    assert all(rule.legal_basis for rule in dl.DOCUMENT_RULES)


def test_a_new_rule_changes_the_dates_from_its_day_only() -> None:
    later = replace(dl.DOCUMENT_RULES[1], declared_to=date(2027, 12, 31))
    rules = (dl.DOCUMENT_RULES[0], later, dl.DocumentRule("X", date(2028, 1, 1), None, 30, 5))
    assert dl.document_filing_deadline(date(2027, 12, 31), rules) == date(2028, 1, 15)
    assert dl.document_filing_deadline(date(2028, 1, 1), rules) == date(2028, 1, 31)
    assert dl.document_keep_until(date(2028, 1, 1), rules) == date(2033, 1, 1)


def test_keeping_term_and_missing_rules() -> None:
    assert dl.document_keep_until(date(2026, 12, 1)) == date(2036, 12, 1)
    assert dl.document_keep_until(date(2028, 2, 29)) == date(2038, 2, 28)
    with pytest.raises(dl.DeadlineError, match="备案单证"):
        dl.document_rule(date(2026, 1, 1), dl.DOCUMENT_RULES[:1])
