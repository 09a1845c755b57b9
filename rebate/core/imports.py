"""Excel import (导入) for every RecordType: a generated template, all-or-nothing, and errors
named by row and column in Chinese (DESIGN §4 rule 10).

Each data row is validated by the record's own ModelForm, exactly as if typed into 新建, so
one set of rules serves both. Cells become text before the form sees them:

* Decimal policy: an Excel number arrives from openpyxl as float. It is written with 15
  significant digits (what Excel itself shows, no binary noise: 0.1+0.2 → "0.3"), and the
  form's DecimalField then refuses extra places — 1.005 in an amount column is an error, never
  silently rounded. Integers stay exact; 21-digit identifiers must be text cells (the template
  formats those columns as text), a number that lost digits fails the field's format check.
* Dates become ISO text; a choice column accepts the code or its Chinese label.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .hints import known_hint, model_field
from .jobs import Progress
from .records import RecordType, build_form, save_record
from .rowforms import RowForm
from .rows import RowsInvalid
from .uploads import Budget, UploadRefused, open_workbook, sheet_rows

MAX_ROWS = 50_000
PROGRESS_EVERY = 1000
WRITE_STEP = 1  # the progress bar's last step: the write
REQUIRED_FILL = PatternFill("solid", fgColor="FFF7C2")
TEXT_FIELDS = (forms.CharField, forms.ChoiceField)


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    required: bool
    hint: str
    field: forms.Field

    @property
    def description(self) -> str:
        return _describe(self)


@dataclass(frozen=True)
class RowError:
    row: int  # the Excel row number (1 = header); 0 = the file as a whole
    column: str
    message: str


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def import_columns(record: RecordType) -> list[Column]:
    """The form's enterable fields, minus the record's import_exclude: the template's columns."""
    form: Any = record.form()
    computed = set(getattr(form, "computed_fields", ()))
    return [
        Column(name, str(f.label), f.required, _hint(form, name, f), f)
        for name, f in form.fields.items()
        if name not in computed and not f.disabled and name not in record.import_exclude
    ]


def _hint(form: Any, name: str, field: forms.Field) -> str:
    """The field's own help text, else what the hint rules know it holds (core.hints)."""
    label = str(field.label or name)
    return str(field.help_text or "") or known_hint(label, field, model_field(form, name))


def _describe(column: Column) -> str:
    parts = [column.hint] if column.hint else []
    choices = getattr(column.field, "choices", None)
    if choices:
        parts.append("可选值：" + "，".join(f"{k} {v}" for k, v in choices if k not in ("", None)))
    if isinstance(column.field, forms.DateField):
        parts.append("日期，如 2026-03-05")
    if isinstance(column.field, forms.DecimalField):
        places = column.field.decimal_places
        parts.append(f"数字，最多{places}位小数" if places is not None else "数字")
    return "；".join(parts)


def template_file(record: RecordType) -> Any:
    """The import template: one header row (required columns yellow) and a 填写说明 sheet."""
    columns = import_columns(record)
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = "导入数据"
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.label)
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = REQUIRED_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, len(column.label) * 2 + 2)
        if isinstance(column.field, TEXT_FIELDS):
            sheet.column_dimensions[letter].number_format = "@"
    notes = workbook.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    for column in columns:
        notes.append([column.label, "必填" if column.required else "选填", column.description])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def cell_text(value: Any) -> str:
    """One cell as the text a user would have typed (see the module's Decimal policy)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        text = f"{value:.15g}"
        return f"{Decimal(text):f}" if "e" in text else text
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value).strip()


def _choice_value(field: forms.Field, text: str) -> str:
    for key, label in getattr(field, "choices", ()):
        if text and text == str(label):
            return str(key)
    return text


def text_row(columns: dict[str, Column], values: dict[str, Any]) -> dict[str, str]:
    """A row given as values (the API's bulk JSON) as the text its cells would hold, so it
    meets exactly the rules an imported row meets."""
    return {
        name: _choice_value(columns[name].field, cell_text(value)) for name, value in values.items()
    }


def _header_map(header: tuple[Any, ...], record: RecordType) -> dict[int, Column]:
    columns = {c.label: c for c in import_columns(record)}
    known = {str(f.verbose_name) for f in record.model._meta.fields}
    mapping: dict[int, Column] = {}
    errors: list[RowError] = []
    for index, raw in enumerate(header):
        label = cell_text(raw).lstrip("*")
        if label in columns:
            mapping[index] = columns[label]
        elif label and label not in known:
            errors.append(RowError(1, label, f"未知的列「{label}」，请使用导入模板"))
    present = {c.name for c in mapping.values()}
    errors += [
        RowError(1, c.label, f"缺少必填列「{c.label}」")
        for c in columns.values()
        if c.required and c.name not in present
    ]
    if errors:
        raise ImportFailed(errors)
    return mapping


def read_rows(
    upload: Any, record: RecordType, budget: Budget | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(Excel row number, {field: text}) for every non-empty data row of the first sheet.
    Every row, blank ones too, counts against the budget (rebate.core.uploads)."""
    budget = budget or Budget(MAX_ROWS, header=1)
    try:
        workbook = open_workbook(upload)
        rows = sheet_rows(workbook, budget)
        header = next(rows, None)
        if not header or not any(header):
            raise ImportFailed([RowError(0, "—", "导入文件没有表头")])
        mapping = _header_map(header, record)
        for number, values in enumerate(rows, start=2):
            data = {
                c.name: _choice_value(c.field, cell_text(values[i]))
                for i, c in mapping.items()
                if i < len(values)
            }
            if any(data.values()):
                yield number, data
        workbook.close()
    except UploadRefused as refused:
        raise ImportFailed([RowError(0, "—", str(refused))]) from refused


def declared_rows(upload: Any) -> int:
    """The data rows the first sheet declares (its dimension), 0 when unknown or unreadable."""
    try:
        workbook = open_workbook(upload)
        rows = max(int(workbook.worksheets[0].max_row or 1) - 1, 0)
        workbook.close()
    except (UploadRefused, IndexError, TypeError, ValueError):
        rows = 0
    finally:
        upload.seek(0)
    return rows


def validate_rows(
    record: RecordType, upload: Any, enterprise: Any, progress: Progress | None = None
) -> list[tuple[int, dict[str, Any]]]:
    """Every row of the uploaded sheet through validate_data (below)."""
    total = declared_rows(upload) if progress else 0
    rows = read_rows(upload, record, Budget(MAX_ROWS, header=1))
    return validate_data(record, rows, enterprise, progress, total)


def validate_data(
    record: RecordType,
    rows: Iterable[tuple[int, dict[str, str]]],
    enterprise: Any,
    progress: Progress | None = None,
    total: int = 0,
) -> list[tuple[int, dict[str, Any]]]:
    """Every (row number, {field: text}) through the record's form (rebate.core.rowforms),
    then the model's field rules column-wise; raises ImportFailed listing every bad cell by
    row and column. Runs outside any transaction: reading and checking hold no lock. The
    Excel import and the API's bulk create share it, so both refuse the same rows."""
    labels = {c.name: c.label for c in import_columns(record)}
    valid: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    form = RowForm(build_form(record, enterprise, {}))
    for number, data in rows:
        found = form.errors(data)
        if not found:
            cleaned = form.cleaned
            # A column left out keeps what the form's clean() filled in (征税率/退税率 from
            # the library): dropping it left the write without its rates.
            kept = {k: cleaned[k] for k in labels if k in data or cleaned.get(k) not in (None, "")}
            valid.append((number, kept))
        for name, messages_ in found.items():
            errors.append(RowError(number, labels.get(name, "—"), messages_[0]))
        if progress and number % PROGRESS_EVERY == 0:
            progress(number, total + WRITE_STEP, f"正在校验第{number}行")
    for index, name, message in form.model_failures([row for _, row in valid], labels):
        errors.append(RowError(valid[index - 1][0], labels.get(name, "—"), message))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.row))
    if not valid:
        raise ImportFailed([RowError(0, "—", "导入文件中没有数据行")])
    if progress:
        progress(total, total + WRITE_STEP, f"正在写入{len(valid)}条记录")
    return valid


def run_import(
    record: RecordType,
    *,
    enterprise: Any,
    actor: Any,
    upload: Any,
    progress: Progress | None = None,
) -> int:
    """Validate every row (no transaction open), then create all of them in one short
    transaction; all or nothing."""
    rows = validate_rows(record, upload, enterprise, progress)
    return write_rows(record, enterprise=enterprise, actor=actor, rows=rows)


def write_rows(
    record: RecordType, *, enterprise: Any, actor: Any, rows: list[tuple[int, dict[str, Any]]]
) -> int:
    """Create the validated rows (validate_data's) in one transaction: all or nothing."""
    if record.create_many:
        try:
            created = record.create_many(
                enterprise=enterprise,
                actor=actor,
                rows=[data for _, data in rows],
                checked=tuple(c.name for c in import_columns(record)),
            )
        except RowsInvalid as invalid:  # the rows' numbers in the file, not in the list
            labels = {c.name: c.label for c in import_columns(record)}
            raise ImportFailed(
                [
                    RowError(rows[index - 1][0], labels.get(name, "—"), message)
                    for index, name, message in invalid.failures
                ]
            ) from invalid
        except ValidationError as exc:
            raise ImportFailed([RowError(0, "—", m) for m in exc.messages]) from exc
        return len(created)
    errors: list[RowError] = []
    with transaction.atomic():
        for number, data in rows:
            try:
                save_record(record, enterprise, actor, None, data)
            except ValidationError as exc:
                errors += [RowError(number, "—", m) for m in exc.messages]
        if errors:
            raise ImportFailed(errors)  # rolls the whole file back
    return len(rows)
