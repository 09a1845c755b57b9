"""Forms of the 数据申报 pages, with the manual's colour conventions (yellow = required)."""

from __future__ import annotations

from django import forms

from rebate.core.forms import ConventionForm

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


class FeedbackDownloadForm(PeriodForm):
    pass


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
