"""The focus hint of a form field (UI-06: a short red hint on how to fill it, at the bottom).

A field's own help text wins. Otherwise the hint is made from what is known about the field:
the rules a domain app registers (its vocabulary of recurring fields: 所属期, 报关单号 …), the
message of the model field's format validator, then the field's type (a date's format, a
number's places, a list to choose from). The kernel's rules know no tax concept; a field that
no rule knows gets "" and the form shows a plain 请填写 hint (the record-form test lists them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.validators import RegexValidator

Rule = Callable[[str, forms.Field, Any], str]
_RULES: list[Rule] = []


def register_rule(rule: Rule) -> Rule:
    """A rule gets (label, form field, model field or None) and returns a hint or ""."""
    if rule not in _RULES:
        _RULES.append(rule)
    return rule


def model_field(form: forms.BaseForm, name: str) -> Any:
    meta = getattr(form, "_meta", None)
    model = getattr(meta, "model", None)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # a form field of its own, not the model's
        return None


def validator_hint(field: forms.Field, db_field: Any) -> str:
    """The format a validator asks for, in its own message (「出口报关单号应为21位：…」)."""
    validators = [*field.validators, *getattr(db_field, "validators", ())]
    for validator in validators:
        if isinstance(validator, RegexValidator) and validator.message:
            message = str(validator.message)
            if "应为" in message:
                return message
    return ""


def _decimal_hint(label: str, field: forms.DecimalField) -> str:
    places = field.decimal_places or 0
    if (field.max_digits, places) == (10, 6):  # core.fields.RateField: a fraction
        return f"{label}：以小数填写，如13%填0.13"
    if (field.max_digits, places) == (16, 6):  # core.fields.ExchangeRateField
        return f"{label}：1单位外币折合人民币的汇率，最多六位小数，如7.123456"
    if places == 0:
        return f"{label}：填写整数"
    return f"{label}：数字，最多{places}位小数"


def _choice_hint(label: str, field: forms.ChoiceField) -> str:
    if isinstance(field, forms.ModelChoiceField):
        return f"从下拉列表中选择{label}"
    choices: Any = field.choices
    options = [str(text) for value, text in choices if value not in ("", None)]
    shown = "、".join(options) if len(options) <= 4 else ""
    return f"从下拉列表中选择{label}" + (f"：{shown}" if shown else "")


def type_hint(label: str, field: forms.Field) -> str:
    if isinstance(field, forms.BooleanField):
        return f"勾选表示{label}，不勾选表示否"
    if isinstance(field, forms.ChoiceField):
        return _choice_hint(label, field)
    if isinstance(field, forms.DateField):
        return f"{label}：日期，格式yyyy-mm-dd，如2026-03-05"
    if isinstance(field, forms.DecimalField):  # before IntegerField: Django derives it from that
        return _decimal_hint(label, field)
    if isinstance(field, forms.IntegerField):
        return f"{label}：填写整数"
    if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea):
        return f"用文字说明{label}，可分行填写"
    return ""


def known_hint(label: str, field: forms.Field, db_field: Any = None) -> str:
    """What the rules or the validator say the field holds ("" when they do not know it);
    the import template's 填写说明 adds the type's format itself."""
    for rule in _RULES:
        hint = rule(label, field, db_field)
        if hint:
            return hint
    return validator_hint(field, db_field)


def field_hint(label: str, field: forms.Field, db_field: Any = None) -> str:
    """The hint made from the rules, the validator and the type; "" when none knows it."""
    return known_hint(label, field, db_field) or type_hint(label, field)
