"""Deadline rules: defaults from rebate.calc, editable, usable by calc."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from rebate.calc.deadlines import (
    declaration_deadline,
    normal_window_deadline,
    remittance_deadline,
)
from rebate.codes.models import DeadlineRule
from rebate.codes.selectors import deadline_rules
from rebate.codes.services import deadline_rule_update, load_default_deadline_rules


@pytest.mark.django_db
def test_defaults_are_loaded_once_and_serve_calc() -> None:
    assert load_default_deadline_rules() == 6
    assert load_default_deadline_rules() == 0
    rules = deadline_rules()
    assert declaration_deadline(date(2024, 5, 10), rules) == date(2025, 4, 15)
    assert declaration_deadline(date(2026, 1, 10), rules) == date(2029, 1, 31)
    assert normal_window_deadline(date(2026, 1, 10), rules) == date(2027, 4, 15)
    assert normal_window_deadline(date(2025, 12, 31), rules) is None
    assert remittance_deadline(date(2026, 1, 10), rules) == date(2027, 4, 30)
    assert remittance_deadline(date(2025, 12, 31), rules) == date(2026, 4, 15)
    assert "视同内销" in DeadlineRule.objects.get(rule_id="D2026_36M").consequence


@pytest.mark.django_db
def test_edit_keeps_rules_consistent(staff) -> None:
    load_default_deadline_rules()
    rule = DeadlineRule.objects.get(rule_id="D2026_36M")
    deadline_rule_update(rule=rule, actor=staff, months=24, status="verified")
    assert declaration_deadline(date(2026, 1, 10), deadline_rules()) == date(2028, 1, 31)
    with pytest.raises(ValidationError, match="必须填写月数"):
        deadline_rule_update(rule=rule, actor=staff, months=None)
    rule.refresh_from_db()
    with pytest.raises(ValidationError, match="D2012_APRIL"):
        deadline_rule_update(rule=rule, actor=staff, export_date_from=date(2025, 6, 1))
    rule.refresh_from_db()
    assert (rule.months, rule.export_date_from) == (24, date(2026, 1, 1))
    loaded_again = load_default_deadline_rules()
    assert loaded_again == 0 and DeadlineRule.objects.get(rule_id="D2026_36M").months == 24
