"""其他申报 in the browser at 1366×768 (issue 19), the businesses test_other_declarations does
not walk: 收汇情况, 出口信息查询 and 无电子信息申报 in one sequence (生成 + IC卡签名 → 数据自检 →
正式申报 → 周边审核结果下载, then each form's page shows what the bureau's approval brought:
the answer per document, the extended 申报期限); 出口已使用设备 and 出口非自产货物 to the
confirmed 退税额; the 管理类别评定 reports to 打印, the PDF rendered to PNG. The rows come from
the family's factories (the forms' own browser entry is test_other_declarations'); the bureau's
e-info and invoices are planted in the simulator. Screenshots: test-output/e2e/qt-2*.png."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps

from rebate.declarations.models import DeclarationBatch
from rebate.other_declarations import models
from rebate.other_declarations.tests.factories import (
    make_capacity_report,
    make_info_query,
    make_no_info,
    make_non_own,
    make_receipt,
    make_risk_control_report,
    make_used_equipment,
)
from rebate.other_declarations.tests.flow import plant_einfo
from tests.e2e.conftest import SHOTS
from tests.e2e.test_declarations import card_sign_in
from tests.e2e.test_other_declarations import CODE, PERIOD, _generate, world  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _batch_status(page) -> str:
    row = page.locator("#batches tbody tr").filter(has=page.locator(".batch-status")).first
    return row.locator(".batch-status").inner_text()


def _declare(page, base, business: str) -> None:
    """生成 → 自检完成 → 正式申报 (QT-13) → 周边审核结果下载 审核通过."""
    _generate(page, base, business)
    row = page.locator('#batches tr[data-status="checked"]')
    assert row.count() == 1, page.inner_text("#batches")
    row.locator(".btn-confirm").click()
    page.locator(".dlg-confirm.show .btn-confirm-ok").click()
    page.locator(".alert-success", has_text="已正式申报").wait_for()
    page.goto(f"{base}/ckts/qt/feedback/download/")
    page.fill('#download-form [name="period"]', PERIOD)
    page.click("#btn-apply-download")
    page.wait_for_load_state("networkidle")
    batch = DeclarationBatch.objects.get(business_code=business)
    assert batch.status == "passed", batch.status
    assert batch.receipt_no in page.inner_text("#reviews")


def _invoice(invoice_no: str, amount: str, tax: str, issued_on: date) -> None:
    sim = apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=CODE)
    apps.get_model("sim_taxbureau", "PurchaseInvoice").objects.create(
        enterprise=sim, invoice_code="", invoice_no=invoice_no,
        supplier_tax_id="91440300MA5F000001", issued_on=issued_on,
        amount=Decimal(amount), tax_rate=Decimal("0.13"), tax=Decimal(tax),
    )  # fmt: skip


def _pdf_png(page, url: str, tmp_path, name: str) -> tuple[int, int]:
    """The form's PDF, page 1 rendered to test-output/e2e/<name>.png; its (width, height)."""
    pdf = page.request.get(url)
    assert pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf.body())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(path), str(tmp_path / name)],
        check=True,
    )
    png = next(tmp_path.glob(f"{name}*.png")).read_bytes()
    (SHOTS / f"{name}.png").write_bytes(png)
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _row_text(page, key: str) -> str:
    return page.locator("table.record-table tbody tr", has_text=key).inner_text()


def test_proceeds_info_query_and_no_info(live_server, laptop, shot, world) -> None:  # noqa: F811
    page, base = laptop, live_server.url
    clerk, card_file = world
    enterprise = clerk.enterprise
    receipt = make_receipt(enterprise, voucher_no="")
    plant_einfo(receipt.entry_id, customs_code=CODE)
    present = make_info_query(enterprise)
    absent = make_info_query(enterprise)
    plant_einfo(present.doc_no, customs_code=CODE)
    no_info = make_no_info(enterprise)
    assert no_info.declaration_deadline == date(2029, 6, 30)
    card_sign_in(page, base, card_file)
    page.wait_for_url("**/ckts/")

    # 收汇情况 (QT-01): the row, declared, approved
    page.goto(f"{base}/ckts/qt/receipt/")
    assert receipt.entry_id in page.inner_text("table.record-table")
    shot("qt-20-receipts")
    _declare(page, base, "A0404001")
    shot("qt-21-receipts-feedback")
    page.goto(f"{base}/ckts/qt/query/")
    query = page.inner_text("#query-table")
    assert "审核通过" in query and "A0404001-202611-01" in query
    assert "其他申报（）" not in page.inner_text("body")
    shot("qt-22-query")

    # 出口信息查询 (QT-02): the bureau's answer per document on the form's page
    page.goto(f"{base}/ckts/qt/infoquery/")
    assert "未查询" in _row_text(page, present.doc_no)
    _declare(page, base, "A0401001")
    page.goto(f"{base}/ckts/qt/infoquery/")
    assert "有电子信息" in _row_text(page, present.doc_no)
    assert "无电子信息" in _row_text(page, absent.doc_no)
    shot("qt-23-infoquery-answered")

    # 无电子信息申报 (QT-03): approved, the line's 申报期限 extended by a year
    page.goto(f"{base}/ckts/qt/noinfo/")
    assert "2029-06-30" in _row_text(page, no_info.entry_id)
    _declare(page, base, "A0402001")
    page.goto(f"{base}/ckts/qt/noinfo/")
    line = _row_text(page, no_info.entry_id)
    assert "2029-06-30" in line and "2030-06-30" in line, line
    no_info.refresh_from_db()
    assert no_info.extended_to == date(2030, 6, 30)
    shot("qt-24-noinfo-extended")


def test_used_equipment_and_non_own_confirmed(live_server, laptop, shot, world, tmp_path) -> None:  # noqa: F811
    page, base = laptop, live_server.url
    clerk, card_file = world
    equipment = make_used_equipment(clerk.enterprise)
    plant_einfo(equipment.entry_id, customs_code=CODE)
    _invoice(equipment.voucher_no, "180000.00", "23400.00", date(2022, 5, 6))
    non_own = make_non_own(clerk.enterprise)
    plant_einfo(non_own.entry_id, customs_code=CODE)
    card_sign_in(page, base, card_file)
    page.wait_for_url("**/ckts/")

    _declare(page, base, "A0303001")  # 出口已使用设备 (QT-05)
    assert "17550.00" in page.inner_text("#reviews")  # 180,000 × 150,000 ÷ 200,000 × 13%
    shot("qt-25-equipment-feedback")
    page.goto(f"{base}/ckts/qt/usedequipment/")
    assert _row_text(page, equipment.entry_id).count("17550.00") == 2  # 退税额 and 核准退税额
    shot("qt-26-equipment-confirmed")
    batch = DeclarationBatch.objects.get(business_code="A0303001")
    url = f"{base}/ckts/declarations/batches/{batch.pk}/print/?form=sheet&format=pdf"
    width, height = _pdf_png(page, url, tmp_path, "qt-26-equipment-pdf")
    assert width > height  # 20 columns: A4 landscape, 报关单号 and dates not broken

    _declare(page, base, "A0302001")  # 出口非自产货物 (QT-06)
    assert "3000.00" in page.inner_text("#reviews")  # 20,000 × 15%
    shot("qt-27-nonown-feedback")
    page.goto(f"{base}/ckts/qt/nonownproduct/")
    assert _row_text(page, non_own.voucher_no).count("3000.00") >= 2
    shot("qt-28-nonown-confirmed")
    equipment.refresh_from_db()
    non_own.refresh_from_db()
    assert (equipment.confirmed_refund, non_own.confirmed_refund) == (
        Decimal("17550.00"),
        Decimal("3000.00"),
    )


def test_rating_reports_printed(live_server, laptop, shot, world, tmp_path) -> None:  # noqa: F811
    page, base = laptop, live_server.url
    clerk, card_file = world
    make_capacity_report(clerk.enterprise)
    make_risk_control_report(clerk.enterprise)
    card_sign_in(page, base, card_file)
    page.wait_for_url("**/ckts/")
    page.goto(f"{base}/ckts/qt/capacityreport/")
    shot("qt-29-capacity-list")

    _declare(page, base, "A0503001")  # 生产能力情况报告 + 内部风控体系建设情况报告 (QT-07/08)
    page.goto(f"{base}/ckts/qt/print/")
    batch = DeclarationBatch.objects.get(business_code="A0503001")
    assert batch.number in page.inner_text("#print-batches")
    shot("qt-30-reports-print")
    preview = f"{base}/ckts/declarations/batches/{batch.pk}/print/?form=sheet"
    page.goto(preview)
    body = page.inner_text("body")
    assert "生产能力情况报告" in body and "内部风控体系建设情况报告" in body
    assert "注塑机 40 台" in body and "每季度自查" in body and "自有" in body  # 场地权属 1
    shot("qt-31-reports-preview", target=page)
    width, height = _pdf_png(page, f"{preview}&format=pdf", tmp_path, "qt-32-reports-pdf")
    assert width < height  # the reports' 项目 | 内容 blocks on A4 portrait
    assert models.CapacityReport.objects.get().status == "declared"
