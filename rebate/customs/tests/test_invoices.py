"""出口发票导入 (DC-06/07) and 出口发票修改 (DC-08)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from rebate.core.imports import ImportFailed
from rebate.customs.models import Declaration
from rebate.customs.services import (
    declarations_check,
    declarations_generate,
    declarations_set_invoice,
    invoice_template,
    invoices_import,
)
from rebate.goods.models import ExportLine
from rebate.goods.services import export_lines_attach_batch

from .factories import make_declaration

pytestmark = pytest.mark.django_db


def workbook(rows, header=("报关单号", "出口日期", "出口发票号")) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def generated(enterprise, user, *, declared: bool = False) -> Declaration:
    d = make_declaration(enterprise)
    declarations_check(enterprise=enterprise, actor=user, declaration_ids=[d.pk])
    declarations_generate(
        enterprise=enterprise, actor=user, declaration_ids=[d.pk], period="202603",
        invoice_no="FP-OLD",
    )  # fmt: skip
    if declared:
        ids = list(ExportLine.objects.values_list("pk", flat=True))
        export_lines_attach_batch(
            enterprise=enterprise, actor=user, line_ids=ids, batch_id=1, status="declared"
        )
    return d


def test_template_lists_the_declarations(enterprise) -> None:
    d = make_declaration(enterprise)
    sheet = load_workbook(invoice_template([d])).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("报关单号", "出口日期", "出口发票号")
    assert rows[1][0] == d.entry_id


def test_import_sets_invoice_numbers(enterprise, user) -> None:
    a, b = make_declaration(enterprise), make_declaration(enterprise)
    count = invoices_import(
        enterprise=enterprise, actor=user,
        upload=workbook([(a.entry_id, "", "FP-A"), (b.entry_id, "", "FP-B")]),
    )  # fmt: skip
    assert count == 2
    assert dict(Declaration.objects.values_list("entry_id", "invoice_no")) == {
        a.entry_id: "FP-A",
        b.entry_id: "FP-B",
    }


def test_template_round_trip(enterprise, user) -> None:
    d = make_declaration(enterprise)
    book = load_workbook(invoice_template([d]))
    book.active["C2"] = "FP-RT"
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    invoices_import(enterprise=enterprise, actor=user, upload=data)
    d.refresh_from_db()
    assert d.invoice_no == "FP-RT"


def test_bad_rows_are_reported_by_row_and_column_and_nothing_changes(
    reference, enterprise, user
) -> None:
    good = make_declaration(enterprise)
    declared = generated(enterprise, user, declared=True)
    rows = [
        (good.entry_id, "", "FP-1"),
        ("530420269999999999", "", "FP-2"),
        (good.entry_id[:10], "", "FP-3"),
        (declared.entry_id, "", "FP-4"),
        (make_declaration(enterprise).entry_id, "", "发票 5"),
        (good.entry_id, "", "FP-6"),
    ]
    with pytest.raises(ImportFailed) as failed:
        invoices_import(enterprise=enterprise, actor=user, upload=workbook(rows))
    found = {(e.row, e.column, e.message) for e in failed.value.errors}
    assert (3, "报关单号", "报关单号530420269999999999不存在，请先信息下载") in found
    assert (4, "报关单号", "报关单号应为18位数字") in found
    assert (
        5,
        "报关单号",
        f"报关单{declared.entry_id}已生成退税数据并已申报，不能修改出口发票号",
    ) in found
    assert any(e.row == 6 and e.column == "出口发票号" for e in failed.value.errors)
    assert any(e.row == 7 and "重复" in e.message for e in failed.value.errors)
    good.refresh_from_db()
    assert good.invoice_no == ""


def test_not_an_excel_file(enterprise, user) -> None:
    with pytest.raises(ImportFailed) as failed:
        invoices_import(enterprise=enterprise, actor=user, upload=io.BytesIO(b"not excel"))
    assert "文件格式不正确" in failed.value.errors[0].message


def test_missing_column(enterprise, user) -> None:
    with pytest.raises(ImportFailed) as failed:
        invoices_import(
            enterprise=enterprise, actor=user, upload=workbook([], header=("报关单号",))
        )
    assert failed.value.errors[0].column == "出口发票号"


def test_edit_sets_the_ticked_and_their_editable_lines(reference, enterprise, user) -> None:
    d = generated(enterprise, user)
    other = make_declaration(enterprise)
    declarations_set_invoice(
        enterprise=enterprise, actor=user, declaration_ids=[d.pk, other.pk], invoice_no="FP-NEW"
    )
    assert set(Declaration.objects.values_list("invoice_no", flat=True)) == {"FP-NEW"}
    assert set(ExportLine.objects.values_list("invoice_no", flat=True)) == {"FP-NEW"}


def test_edit_refused_for_a_declared_declaration(reference, enterprise, user) -> None:
    d = generated(enterprise, user, declared=True)
    with pytest.raises(ValidationError, match="已申报"):
        declarations_set_invoice(
            enterprise=enterprise, actor=user, declaration_ids=[d.pk], invoice_no="FP-NEW"
        )
    assert set(ExportLine.objects.values_list("invoice_no", flat=True)) == {"FP-OLD"}


def test_edit_rejects_a_malformed_number(enterprise, user) -> None:
    d = make_declaration(enterprise)
    with pytest.raises(ValidationError):
        declarations_set_invoice(
            enterprise=enterprise, actor=user, declaration_ids=[d.pk], invoice_no="=cmd()"
        )
