"""Validating many rows of text (an Excel import) with one record form, as 新建 would.

Per row, the form's own rules run: every field's clean, its clean_<field> methods and clean().
Two costs of doing that naively with a ModelForm per row are avoided (they were ~70 % of a
10,000-row import):

* a field's clean depends only on the text it is given, so it runs once per distinct text of a
  column (a 所属期, a rate, a unit repeat on every row) and its result is reused;
* the model's own validation (what ModelForm._post_clean runs per instance) runs afterwards,
  column-wise over all rows at once (rebate.core.rows.validate), with the same exclusions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict

from . import instances
from . import rows as row_writes


class RowForm:
    """Wraps one bound-per-row instance of a record form (built once: building a ModelForm
    deep-copies every field, ~1.5 ms)."""

    def __init__(self, form: Any) -> None:
        self.form = form
        form.instance = form._meta.model()  # never saved nor filled: one serves every row
        self.memo: dict[tuple[str, Any], tuple[Any, ValidationError | None]] = {}
        self.disabled = {
            name: form.get_initial_for_field(field, name)
            for name, field in form.fields.items()
            if field.disabled
        }

    def errors(self, data: dict[str, str]) -> dict[str, list[str]]:
        """Validate one row; returns {field: messages} ({} when valid, see `cleaned`)."""
        form = self.form
        form.data, form.is_bound, form._errors = data, True, ErrorDict()
        form.cleaned_data = {}
        for name, field in form.fields.items():
            self._clean_field(name, field)
        form._clean_form()
        return {name: [str(m) for m in messages] for name, messages in form._errors.items()}

    @property
    def cleaned(self) -> dict[str, Any]:
        return dict(self.form.cleaned_data)

    def _clean_field(self, name: str, field: Any) -> None:
        form = self.form
        if name in self.disabled:
            value = self.disabled[name]
        else:
            value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        key = (name, value)
        if key not in self.memo:
            try:
                self.memo[key] = (field.clean(value), None)
            except ValidationError as exc:
                self.memo[key] = (None, exc)
        cleaned, error = self.memo[key]
        try:
            if error is not None:
                raise error
            form.cleaned_data[name] = cleaned
            method = getattr(form, f"clean_{name}", None)
            if method is not None:
                form.cleaned_data[name] = method()
        except ValidationError as exc:
            form.add_error(name, exc)

    def model_failures(
        self, cleaned_rows: Sequence[dict[str, Any]], names: Iterable[str]
    ) -> list[tuple[int, str, str]]:
        """The model's field validation of the rows' `names` columns: (row from 1, field,
        message). As in ModelForm, an optional form field left empty is not validated."""
        model = self.form._meta.model
        model_fields = {f.name for f in model._meta.fields}
        checked = [n for n in names if n in model_fields]
        # The positional constructor (rows.build): the keyword one was a fifth of a bulk create.
        objects = instances.build(
            model, [{n: row[n] for n in checked if n in row} for row in cleaned_rows]
        )
        try:
            row_writes.validate(objects, exclude=model_fields - set(checked))
        except row_writes.RowsInvalid as invalid:
            return [f for f in invalid.failures if not self._optional_empty(f, cleaned_rows)]
        return []

    def _optional_empty(self, failure: tuple[int, str, str], rows: Sequence[Any]) -> bool:
        index, name, _ = failure
        field = self.form.fields.get(name)
        return bool(
            field and not field.required and rows[index - 1].get(name) in field.empty_values
        )
