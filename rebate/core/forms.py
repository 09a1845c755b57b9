"""Form conventions of the manual, done once (UI-02…UI-06).

Required fields are yellow, system-filled fields grey and read-only, optional fields white; each
field carries its hint (help text) for the red focus hint at the bottom of the screen.
"""

from __future__ import annotations

from typing import Any

from django import forms

REQUIRED_CLASS = "fld-required"
COMPUTED_CLASS = "fld-computed"
OPTIONAL_CLASS = "fld-optional"


def apply_conventions(form: forms.BaseForm, computed: tuple[str, ...] = ()) -> None:
    for name, field in form.fields.items():
        widget = field.widget
        css = ["form-control form-control-sm"]
        if isinstance(widget, forms.Select):
            css = ["form-select form-select-sm"]
        elif isinstance(widget, forms.CheckboxInput):
            css = ["form-check-input"]
        if name in computed or field.disabled:
            field.disabled = True
            field.required = False
            css.append(COMPUTED_CLASS)
        elif field.required:
            css.append(REQUIRED_CLASS)
        else:
            css.append(OPTIONAL_CLASS)
        widget.attrs["class"] = " ".join([*css, widget.attrs.get("class", "")]).strip()
        hint = str(field.help_text or "")
        if not hint:
            hint = f"请填写{field.label}" + ("（必填）" if field.required else "（选填）")
        if name in computed:
            hint = f"{field.label}由系统计算填写，不可修改"
        widget.attrs["data-hint"] = hint
        if field.required:
            widget.attrs["data-required-msg"] = f"{field.label}为必填项"
        field.error_messages.setdefault("required", f"{field.label}为必填项")
        field.error_messages["required"] = f"{field.label}为必填项"


class ConventionFormMixin:
    """Mix into any Form/ModelForm. `computed_fields` are shown grey and never accepted."""

    computed_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        apply_conventions(self, self.computed_fields)  # type: ignore[arg-type]


class ConventionForm(ConventionFormMixin, forms.Form):
    pass


class ConventionModelForm(ConventionFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass
