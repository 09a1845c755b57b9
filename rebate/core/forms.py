"""Form conventions of the manual, done once (UI-02…UI-06).

Required fields are yellow, system-filled fields grey and read-only, optional fields white; each
field carries its hint (its help text, or one made by core.hints) for the red focus hint at the
bottom of the screen.

The browser's own checking is left out: its bubbles speak the browser's language (「Please fill
out this field.」, 「Value must be greater than or equal to 0.」) and a date input shows the
browser's locale format (mm/dd/yyyy). Forms carry no `required`/`min`/`step` attributes, numbers
and dates are text inputs (dates as yyyy-mm-dd), and every message is the product's own, in
Chinese, next to the field — from the server, and for empty required fields from web/form.js.
"""

from __future__ import annotations

from typing import Any

from django import forms

from .hints import field_hint, model_field

REQUIRED_CLASS = "fld-required"
COMPUTED_CLASS = "fld-computed"
OPTIONAL_CLASS = "fld-optional"


DATE_PLACEHOLDER = "yyyy-mm-dd"


def date_input() -> forms.DateInput:
    """A date as yyyy-mm-dd text, whatever the browser's locale (type=date is not)."""
    return forms.DateInput(
        format="%Y-%m-%d", attrs={"placeholder": DATE_PLACEHOLDER, "maxlength": "10"}
    )


def plain_inputs(widget: forms.Widget) -> None:
    """Number and date inputs as text inputs: no browser-language checks, ISO dates."""
    if isinstance(widget, forms.NumberInput):
        widget.input_type = "text"
        for attr in ("min", "max", "step"):
            widget.attrs.pop(attr, None)
        widget.attrs.setdefault("inputmode", "decimal")
    elif isinstance(widget, forms.DateInput):
        widget.input_type = "text"
        widget.attrs.pop("type", None)
        widget.format = "%Y-%m-%d"
        widget.attrs.setdefault("placeholder", DATE_PLACEHOLDER)
        widget.attrs.setdefault("maxlength", "10")


def set_required(field: forms.Field, required: bool) -> None:
    """Make a field required (yellow) or optional (white) after the conventions were applied."""
    field.required = required
    attrs = field.widget.attrs
    old, new = (OPTIONAL_CLASS, REQUIRED_CLASS) if required else (REQUIRED_CLASS, OPTIONAL_CLASS)
    attrs["class"] = attrs.get("class", "").replace(old, new)
    if required:
        attrs["data-required-msg"] = f"{field.label}为必填项"
    else:
        attrs.pop("data-required-msg", None)


def required_when(form: forms.BaseForm, name: str, other: str, value: str) -> None:
    """`name` is required only while the field `other` has `value` (yellow then, white else).

    The bound (or initial) value of `other` decides on the server, so Django's own required check
    applies in that mode only; web/form.js repaints when the clerk changes `other`.
    """
    field = form.fields[name]
    set_required(field, str(form[other].value()) == value)
    field.widget.attrs["data-required-when"] = f"{other}={value}"
    field.widget.attrs["data-required-label"] = f"{field.label}为必填项"


def apply_conventions(form: forms.BaseForm, computed: tuple[str, ...] = ()) -> None:
    form.use_required_attribute = False  # no browser bubbles; our messages instead
    for name, field in form.fields.items():
        widget = field.widget
        plain_inputs(widget)
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
        hint = str(field.help_text or "") or field_hint(
            str(field.label or name), field, model_field(form, name)
        )
        if not hint:  # no rule knows the field (test_field_hints lists the record forms')
            hint = f"请填写{field.label}" + ("（必填）" if field.required else "（选填）")
        if name in computed:
            hint = f"{field.label}由系统计算填写，不可修改"
        widget.attrs["data-hint"] = hint
        if field.required:
            widget.attrs["data-required-msg"] = f"{field.label}为必填项"
        field.error_messages.setdefault("required", f"{field.label}为必填项")
        field.error_messages["required"] = f"{field.label}为必填项"


def mark_returned(field: forms.Field, source: str) -> None:
    """返填: grey and read-only on screen, filled by the form from `source` (its clean()).

    Unlike a computed field it stays in the submitted data, so an import may still carry it
    where the source has nothing."""
    field.required = False
    attrs = field.widget.attrs
    for old in (REQUIRED_CLASS, OPTIONAL_CLASS):
        attrs["class"] = attrs.get("class", "").replace(old, COMPUTED_CLASS)
    attrs["readonly"] = True
    attrs["tabindex"] = "-1"
    attrs.pop("data-required-msg", None)
    attrs["data-hint"] = f"{field.label}由系统{source}返填，不可修改"


class ConventionFormMixin:
    """Mix into any Form/ModelForm. `computed_fields` are shown grey and never accepted;
    `returned_fields` are grey and read-only, filled by the form's clean() (see mark_returned)."""

    computed_fields: tuple[str, ...] = ()
    returned_fields: tuple[str, ...] = ()
    returned_from = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        apply_conventions(self, self.computed_fields)  # type: ignore[arg-type]
        fields: Any = self.fields  # type: ignore[attr-defined]
        for name in self.returned_fields:
            mark_returned(fields[name], self.returned_from)


class ConventionForm(ConventionFormMixin, forms.Form):
    pass


class ConventionModelForm(ConventionFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass
