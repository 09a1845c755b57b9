"""出口发票号: 出口发票导入 (DC-06/07, template + upload) and 出口发票修改 (DC-08).

A declaration whose generated lines are in a declaration batch (已申报) keeps its number; when
its lines are generated but still editable, they follow the new number through goods' service.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from rebate.accounts.models import Enterprise, User
from rebate.core.imports import ImportFailed, RowError, cell_text
from rebate.core.uploads import Budget, UploadRefused, open_workbook, sheet_rows
from rebate.goods.models import ExportLine
from rebate.goods.services import export_line_update

from ..models import Declaration, DeclarationItem, entry_id_validator, invoice_validator
from .check import NOTHING_TICKED
from .store import locked_declaration_ids

HEADERS = ("报关单号", "出口日期", "出口发票号")
MAX_ROWS = 20_000
LOCKED = "报关单{entry_id}已生成退税数据并已申报，不能修改出口发票号"
REQUIRED_FILL = PatternFill("solid", fgColor="FFF7C2")


def invoice_template(declarations: Iterable[Declaration]) -> Any:
    """The 出口发票导入 template, pre-filled with the listed declarations (number + date)."""
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = "出口发票导入"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if cell.value != "出口日期" else PatternFill()
    for column, width in zip("ABC", (24, 14, 28), strict=True):
        sheet.column_dimensions[column].width = width
    for d in declarations:
        sheet.append([d.entry_id, d.ie_date.isoformat(), d.invoice_no])
    for row in sheet.iter_rows(min_row=2):
        row[0].number_format = "@"
        row[2].number_format = "@"
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — the response closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def _rows(upload: Any) -> Iterator[tuple[int, str, str]]:
    try:
        yield from _read(upload)
    except UploadRefused as refused:
        raise ImportFailed([RowError(0, "—", str(refused))]) from refused


def _read(upload: Any) -> Iterator[tuple[int, str, str]]:
    workbook = open_workbook(upload)
    rows = sheet_rows(workbook, Budget(MAX_ROWS, header=1))
    header = [cell_text(v) for v in next(rows, ())]
    missing = [h for h in ("报关单号", "出口发票号") if h not in header]
    if missing:
        workbook.close()
        raise ImportFailed([RowError(1, h, f"缺少必填列「{h}」，请使用导入模板") for h in missing])
    entry_col, invoice_col = header.index("报关单号"), header.index("出口发票号")
    for number, values in enumerate(rows, start=2):
        cells = [cell_text(v) for v in values]
        entry = cells[entry_col] if entry_col < len(cells) else ""
        invoice = cells[invoice_col] if invoice_col < len(cells) else ""
        if entry or invoice:
            yield number, entry, invoice
    workbook.close()


def _row_errors(number: int, entry: str, invoice: str, seen: set[str]) -> list[RowError]:
    errors = []
    try:
        entry_id_validator(entry)
    except ValidationError as exc:
        errors.append(RowError(number, "报关单号", exc.messages[0]))
    if entry in seen:
        errors.append(RowError(number, "报关单号", f"报关单号{entry}在文件中重复"))
    if not invoice:
        errors.append(RowError(number, "出口发票号", "出口发票号为必填项"))
    else:
        try:
            invoice_validator(invoice)
        except ValidationError as exc:
            errors.append(RowError(number, "出口发票号", exc.messages[0]))
    return errors


def invoices_import(*, enterprise: Enterprise, actor: User, upload: Any) -> int:
    """DC-07: set 出口发票号 from the filled template; any bad row and nothing changes. The file
    is read and checked before the transaction begins, so the lock is held for the writes only."""
    rows: list[tuple[int, str, str]] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for number, entry, invoice in _rows(upload):
        errors += _row_errors(number, entry, invoice, seen)
        seen.add(entry)
        rows.append((number, entry, invoice))
    if not rows and not errors:
        raise ImportFailed([RowError(0, "—", "导入文件中没有数据行")])
    with transaction.atomic():
        return _store(enterprise, actor, rows, errors)


def _store(
    enterprise: Enterprise, actor: User, rows: list[tuple[int, str, str]], errors: list[RowError]
) -> int:
    known = dict(
        Declaration.objects.for_enterprise(enterprise)
        .filter(entry_id__in=[entry for _, entry, _ in rows])
        .values_list("entry_id", "pk")
    )
    locked = locked_declaration_ids(enterprise, list(known.values()))
    for number, entry, _ in rows:
        if entry not in known and len(entry) == 18:
            errors.append(RowError(number, "报关单号", f"报关单号{entry}不存在，请先信息下载"))
        elif known.get(entry) in locked:
            errors.append(RowError(number, "报关单号", LOCKED.format(entry_id=entry)))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.row))
    for _, entry, invoice in rows:
        _set(enterprise, actor, [known[entry]], invoice)
    return len(rows)


@transaction.atomic
def declarations_set_invoice(
    *, enterprise: Enterprise, actor: User, declaration_ids: Iterable[int], invoice_no: str
) -> int:
    """DC-08 出口发票修改: one 出口发票号 for the ticked declarations."""
    ids = sorted({int(pk) for pk in declaration_ids})
    if not ids:
        raise ValidationError(NOTHING_TICKED)
    value = invoice_no.strip()
    if not value:
        raise ValidationError({"invoice_no": "出口发票号为必填项"})
    invoice_validator(value)
    found = Declaration.objects.for_enterprise(enterprise).filter(pk__in=ids)
    if found.count() != len(ids):
        raise ValidationError("勾选的报关单不存在或已被删除")
    locked = locked_declaration_ids(enterprise, ids)
    if locked:
        names = found.filter(pk__in=locked).values_list("entry_id", flat=True)
        raise ValidationError([LOCKED.format(entry_id=name) for name in names])
    return _set(enterprise, actor, ids, value)


def _set(enterprise: Enterprise, actor: User, ids: Sequence[int], invoice_no: str) -> int:
    """Store the number on the declarations and on their still-editable generated lines."""
    declarations = Declaration.objects.for_enterprise(enterprise).filter(pk__in=ids)
    count = 0
    for d in declarations.select_for_update():
        if d.invoice_no == invoice_no:
            continue
        d.invoice_no = invoice_no
        d.full_clean(exclude=["enterprise"], validate_unique=False, validate_constraints=False)
        d.save(update_fields=["invoice_no", "updated_at"])
        count += 1
    line_ids = DeclarationItem.objects.for_enterprise(enterprise).filter(
        declaration_id__in=ids, export_line__isnull=False
    )
    lines = ExportLine.objects.for_enterprise(enterprise).filter(
        pk__in=line_ids.values("export_line_id")
    )
    for line in lines:
        export_line_update(
            obj=line, enterprise=enterprise, actor=actor, data={"invoice_no": invoice_no}
        )
    return count
