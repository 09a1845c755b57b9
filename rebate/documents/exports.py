"""备案单证目录 out: an Excel sheet (openpyxl) and a PDF (WeasyPrint, the prints' CJK font)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from rebate.core.excel import neutralise
from rebate.declarations.models import DeclarationBatch

from .models import CatalogueEntry
from .selectors import Due, late

HEADERS = ("序号", "申报序号", "所属明细", "单证种类", "单证名称及编号", "存放方式", "文件",
           "SHA-256", "登记日期", "备注")  # fmt: skip
WIDTHS = (6, 10, 22, 12, 30, 10, 24, 20, 12, 10)


def rows(entries: Sequence[CatalogueEntry], due: Due) -> list[list[str]]:
    found = []
    for n, entry in enumerate(entries, start=1):
        document = entry.document
        found.append(
            [
                str(n),
                entry.line_no or "—",
                "整份申报数据" if not entry.line_record else f"第{entry.line_no}行",
                entry.get_kind_display(),
                entry.title,
                entry.get_keeping_display(),
                document.original_name if document else "（纸质，存档）",
                document.sha256 if document else "",
                timezone.localtime(entry.created_at).date().isoformat(),
                "逾期登记" if late(entry, due.due) else "",
            ]
        )
    return found


def heading(batch: DeclarationBatch, due: Due) -> list[str]:
    enterprise: Any = batch.enterprise
    return [
        f"企业：{enterprise.name}（{enterprise.customs_code}）",
        f"申报数据：{batch.number}  申报日期：{due.declared_on or '未申报'}",
        f"备案期限：{due.due or '—'}  保存至：{due.keep_until or '—'}  {due.flag}",
    ]


def xlsx(batch: DeclarationBatch, entries: Sequence[CatalogueEntry], due: Due) -> bytes:
    book = Workbook()
    sheet: Any = book.active
    sheet.title = "备案单证目录"
    sheet.append(["备案单证目录"])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in heading(batch, due):
        sheet.append([neutralise(line)])
    sheet.append(list(HEADERS))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in rows(entries, due):
        sheet.append([neutralise(value) for value in row])
    for column, width in zip("ABCDEFGHIJ", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf(batch: DeclarationBatch, entries: Sequence[CatalogueEntry], due: Due) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "documents/catalogue_print.html",
        {
            "batch": batch,
            "heading": heading(batch, due),
            "headers": HEADERS,
            "rows": rows(entries, due),
            "printed_on": timezone.localdate(),
        },
    )
    return bytes(HTML(string=html).write_pdf())
