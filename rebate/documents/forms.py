"""上传随附单据: what the clerk fills in beside the file (the file itself is checked by the
service, by its content)."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import DocumentKind, Keeping
from .selectors import Line

WHOLE = ""


class AttachForm(forms.Form):
    # The red message beside the field (UI-03) says what is missing, not the browser.
    use_required_attribute = False

    kind = forms.ChoiceField(label="单证种类", choices=DocumentKind.choices)
    title = forms.CharField(label="单证名称及编号", max_length=200)
    keeping = forms.ChoiceField(label="存放方式", choices=Keeping.choices, initial=Keeping.IMAGE)
    line = forms.ChoiceField(label="所属明细", required=False)
    file = forms.FileField(label="上传文件", required=False)

    def __init__(self, *args: Any, lines: list[Line], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = {line.value: line for line in lines}
        choices = [(WHOLE, "整份申报数据"), *((v, line.label) for v, line in self.lines.items())]
        self.fields["line"].choices = choices  # type: ignore[attr-defined]

    def chosen_line(self) -> Line | None:
        return self.lines.get(self.cleaned_data.get("line") or WHOLE)
