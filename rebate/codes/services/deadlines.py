"""Writes of the dated 申报期限 rules (DOMAIN §9): defaults from rebate.calc, admin edits."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import User
from rebate.calc.deadlines import DEFAULT_RULES
from rebate.codes.choices import DeadlineKind
from rebate.codes.models import DeadlineRule

EDITABLE_FIELDS = (
    "purpose",
    "export_date_from",
    "export_date_to",
    "kind",
    "months",
    "days",
    "legal_basis",
    "consequence",
    "status",
    "enabled",
)


def load_default_deadline_rules() -> int:
    """Create the rules of rebate.calc.deadlines.DEFAULT_RULES that are missing; edits stay."""
    created = 0
    for rule in DEFAULT_RULES:
        _, was_created = DeadlineRule.objects.get_or_create(
            rule_id=rule.rule_id,
            defaults={
                "business_code": rule.business_code,
                "export_date_from": rule.export_date_from,
                "export_date_to": rule.export_date_to,
                "purpose": rule.purpose.name,
                "kind": rule.kind.name,
                "months": rule.months,
                "days": rule.days,
                "legal_basis": rule.legal_basis,
                "consequence": rule.consequence,
                "status": rule.status,
                "enabled": rule.enabled,
            },
        )
        created += int(was_created)
    return created


def _validate_kind(rule: DeadlineRule) -> None:
    if rule.kind == DeadlineKind.MONTHS_AFTER_EXPORT and not rule.months:
        raise ValidationError({"months": "期限类型为“出口后N个月”时必须填写月数"})
    if rule.kind == DeadlineKind.DAYS_AFTER_EXPORT and not rule.days:
        raise ValidationError({"days": "期限类型为“出口后N天”时必须填写天数"})
    start, end = rule.export_date_from, rule.export_date_to
    if start and end and end < start:
        raise ValidationError({"export_date_to": "出口日期止不能早于出口日期起"})


def _overlaps(rule: DeadlineRule) -> list[str]:
    low, high = rule.export_date_from or date.min, rule.export_date_to or date.max
    clashes = []
    others = DeadlineRule.objects.filter(
        business_code=rule.business_code, purpose=rule.purpose, enabled=True
    )
    for other in others.exclude(pk=rule.pk):
        if (other.export_date_from or date.min) <= high and low <= (
            other.export_date_to or date.max
        ):
            clashes.append(other.rule_id)
    return clashes


@transaction.atomic
def deadline_rule_update(*, rule: DeadlineRule, actor: User, **changes: Any) -> DeadlineRule:
    """Change a rule; an enabled rule may not overlap another enabled rule of its business and
    purpose (the 2026 window and 36-month limit cover the same dates, for different ends)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(rule, name, value)
    rule.full_clean()
    _validate_kind(rule)
    if rule.enabled:
        clashes = _overlaps(rule)
        if clashes:
            raise ValidationError(
                {"export_date_from": f"出口日期区间与已启用的规则 {'、'.join(clashes)} 重叠"}
            )
    rule.save(update_fields=[*changes, "updated_at"])
    return rule
