"""Forms of the 数据申报 pages, with the manual's colour conventions (yellow = required)."""

from __future__ import annotations

import copy

from django import forms

from rebate.core.forms import ConventionForm

from .families import Family, PeriodKind

PERIOD_HINT = "所属期：增值税纳税申报所属期，格式YYYYMM，如202503"


class PeriodForm(ConventionForm):
    period = forms.RegexField(
        label="所属期",
        regex=r"^\d{4}(0[1-9]|1[0-2])$",
        max_length=6,
        help_text=PERIOD_HINT,
        error_messages={"invalid": "所属期格式应为YYYYMM，如202503"},
    )


class RevokeForm(ConventionForm):
    reason = forms.CharField(
        label="撤销原因", max_length=200, required=False, help_text="撤销申报数据的原因（选填）"
    )


class FeedbackUploadForm(ConventionForm):
    file = forms.FileField(label="反馈文件", help_text="税务机关提供的退税审核结果反馈文件（XML）")


class QueryForm(ConventionForm):
    """数据查询: the 所属期 is a filter (optional, white)."""

    period = forms.RegexField(
        label="所属期",
        regex=r"^\d{4}(0[1-9]|1[0-2])$",
        max_length=6,
        required=False,
        help_text="按所属期查询（选填），格式YYYYMM",
        error_messages={"invalid": "所属期格式应为YYYYMM，如202503"},
    )


def _period_field(kind: PeriodKind) -> forms.Field | None:
    """The 所属期 (YYYYMM) or 申报年 (YYYY) of a family's batch; none for a family without one."""
    if kind is PeriodKind.NONE:
        return None
    if kind is PeriodKind.YEAR:
        return forms.RegexField(
            label="申报年",
            regex=r"^[12]\d{3}$",
            max_length=4,
            help_text="申报年：格式YYYY，如2026",
            error_messages={"invalid": "申报年格式应为YYYY，如2026"},
        )
    return copy.deepcopy(PeriodForm.base_fields["period"])


def period_form_class(family: Family) -> type[ConventionForm]:
    """The period bar and the 数据一致性检查 dialog of a family: its period field, if any."""
    field = _period_field(family.period_kind)
    return type("FamilyPeriodForm", (ConventionForm,), {"period": field} if field else {})


def query_form_class(family: Family) -> type[ConventionForm]:
    """数据查询's filter: the family's 所属期 or 申报年, optional; none without a period."""
    if family.period_kind is PeriodKind.MONTH:
        return QueryForm
    field = _period_field(family.period_kind)
    if field is None:
        return type("FamilyQueryForm", (ConventionForm,), {})
    field.required = False
    field.help_text = f"按{field.label}查询（选填），格式YYYY"
    return type("FamilyQueryForm", (ConventionForm,), {"period": field})


def package_form_class(family: Family) -> type[ConventionForm]:
    """The 生成申报数据 dialog: the period by the family's kind, 「选择想要申报的业务」 when the
    family has several businesses, and 零申报 when the family offers it."""
    fields: dict[str, forms.Field] = {}
    field = _period_field(family.period_kind)
    if field is not None:
        fields["period"] = field
    if len(family.businesses) > 1:
        fields["business"] = forms.ChoiceField(
            label="选择想要申报的业务",
            choices=[(b.code, f"{b.label}（{b.code}）") for b in family.businesses],
        )
    if family.zero_declaration:
        fields["zero"] = forms.BooleanField(
            label="零申报",
            required=False,
            help_text="本所属期没有出口数据时勾选，生成不含明细的申报数据",
        )
    return type("PackageForm", (ConventionForm,), fields)
