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
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .excel import xlsx_response
from .records import RecordType, RecordView, build_form, list_url, save_record
from .rowforms import RowForm

MAX_ROWS = 50_000
REQUIRED_FILL = PatternFill("solid", fgColor="FFF7C2")
TEXT_FIELDS = (forms.CharField, forms.ChoiceField)
BAD_FILE = "文件格式不正确，请使用系统生成的导入模板（.xlsx）"


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
        Column(name, str(f.label), f.required, str(f.help_text or ""), f)
        for name, f in form.fields.items()
        if name not in computed and not f.disabled and name not in record.import_exclude
    ]


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


def read_rows(upload: Any, record: RecordType) -> Iterator[tuple[int, dict[str, str]]]:
    """(Excel row number, {field: text}) for every non-empty data row of the first sheet."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx upload
        raise ImportFailed([RowError(0, "—", BAD_FILE)]) from exc
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
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


def validate_rows(
    record: RecordType, upload: Any, enterprise: Any
) -> list[tuple[int, dict[str, Any]]]:
    """Every row through the record's form (rebate.core.rowforms), then the model's field
    rules column-wise; raises ImportFailed listing every bad cell by sheet row and column."""
    labels = {c.name: c.label for c in import_columns(record)}
    valid: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    form = RowForm(build_form(record, enterprise, {}))
    for number, data in read_rows(upload, record):
        if len(valid) + len(errors) >= MAX_ROWS:
            raise ImportFailed([RowError(number, "—", f"一次最多导入{MAX_ROWS}行")])
        found = form.errors(data)
        if not found:
            cleaned = form.cleaned
            valid.append((number, {k: cleaned[k] for k in labels if k in data}))
        for name, messages_ in found.items():
            errors.append(RowError(number, labels.get(name, "—"), messages_[0]))
    for index, name, message in form.model_failures([row for _, row in valid], labels):
        errors.append(RowError(valid[index - 1][0], labels.get(name, "—"), message))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.row))
    if not valid:
        raise ImportFailed([RowError(0, "—", "导入文件中没有数据行")])
    return valid


@transaction.atomic
def run_import(record: RecordType, *, enterprise: Any, actor: Any, upload: Any) -> int:
    """Validate every row, then create all of them in one transaction; all or nothing."""
    rows = validate_rows(record, upload, enterprise)
    if record.create_many:
        try:
            created = record.create_many(
                enterprise=enterprise,
                actor=actor,
                rows=[data for _, data in rows],
                checked=tuple(c.name for c in import_columns(record)),
            )
        except ValidationError as exc:
            raise ImportFailed([RowError(0, "—", m) for m in exc.messages]) from exc
        return len(created)
    errors: list[RowError] = []
    for number, data in rows:
        try:
            save_record(record, enterprise, actor, None, data)
        except ValidationError as exc:
            errors += [RowError(number, "—", m) for m in exc.messages]
    if errors:
        raise ImportFailed(errors)  # rolls the whole file back
    return len(rows)


class RecordImportView(RecordView):
    writes = True

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.unavailable(request) or self.show(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        closed = self.unavailable(request)
        if closed:
            return closed
        upload = request.FILES.get("file")
        if upload is None:
            return self.show(request, [RowError(0, "—", "请选择要导入的文件")], status=400)
        try:
            count = run_import(
                self.record, enterprise=self.enterprise, actor=request.user, upload=upload
            )
        except ImportFailed as failed:
            return self.show(request, failed.errors, status=400)
        messages.success(request, f"导入成功，共导入{count}条记录")
        return redirect(list_url(self.record, request))

    def show(
        self, request: HttpRequest, errors: list[RowError] | None = None, status: int = 200
    ) -> HttpResponse:
        context = self.context(errors=errors or [], columns=import_columns(self.record))
        return render(request, "core/record_import.html", context, status=status)


class RecordImportTemplateView(RecordView):
    def get(self, request: HttpRequest) -> HttpResponseBase:
        return xlsx_response(template_file(self.record), f"{self.record.title}导入模板.xlsx")
