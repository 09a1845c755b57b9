from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from rebate.core.forms import apply_conventions, date_input


class TokenForm(forms.Form):
    name = forms.CharField(label="令牌名称", max_length=100, help_text="如：金蝶ERP同步")
    expires_on = forms.DateField(
        label="有效期至", required=False, help_text="留空为长期有效；到期当日24时起失效",
        widget=date_input(),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        apply_conventions(self)

    def clean_expires_on(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data["expires_on"]
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError("有效期不能早于今天")
        return value

    def expires_at(self) -> datetime.datetime | None:
        """The end of the chosen day (local time): the token works through that whole day."""
        day = self.cleaned_data["expires_on"]
        if day is None:
            return None
        midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
        return timezone.make_aware(midnight)
