"""The other businesses of 其他申报 through the engine and the in-process bureau: each bureau
rule with a case that raises it and one that does not, and what approval brings back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from rebate.calc.other import extended_deadline
from rebate.codes.extensions import deadline_extensions
from rebate.declarations.choices import BatchStatus

from .. import INFO_QUERY, NO_INFO, NON_OWN, PROCEEDS, RATING, USED_EQUIPMENT, models
from ..choices import InfoStatus
from . import flow
from .factories import (
    make_capacity_report,
    make_info_query,
    make_no_info,
    make_non_own,
    make_receipt,
    make_risk_control_report,
    make_used_equipment,
)

pytestmark = pytest.mark.django_db


def _declare(client: Any, card: Any, capture: Any, business: str) -> Any:
    batch = flow.generate(client, card, capture, business)
    flow.self_check(client, card, batch, capture)
    return batch


def _codes(batch: Any) -> list[str]:
    return sorted(d.code for d in batch.doubts.all())


def test_proceeds_checked_against_the_bureau_declaration(client: Any, world: Any) -> None:
    clerk, card, capture = world
    fine = make_receipt(clerk.enterprise, period=flow.PERIOD, receipt_amount=Decimal("1500.00"))
    other = make_receipt(clerk.enterprise, period=flow.PERIOD, receipt_amount=Decimal("2500.00"))
    flow.plant_einfo(fine.entry_id)
    flow.plant_einfo(other.entry_id, currency="EUR")  # the bureau's e-info says EUR
    batch = _declare(client, card, capture, PROCEEDS)
    assert batch.package_name == f"{flow.CODE}_{flow.PERIOD}_cksh.xml"
    assert batch.status == BatchStatus.BLOCKED
    by_line = {(d.line_no, d.code, d.skippable) for d in batch.doubts.all()}
    # the fine line: only the skippable "no FX voucher" doubt (the simulator has none)
    assert (fine.sequence_no, "QT_SH_PZ", True) in by_line
    assert (other.sequence_no, "QT_SH_BZ", False) in by_line  # currency differs
    assert (other.sequence_no, "QT_SH_JE", True) in by_line  # 2,500 > 成交总价 2,000
    assert not any(line == fine.sequence_no and not skip for line, _, skip in by_line)


def test_proceeds_without_bureau_einfo_and_the_clean_path(client: Any, world: Any) -> None:
    clerk, card, capture = world
    row = make_receipt(clerk.enterprise, period=flow.PERIOD, voucher_no="")
    batch = _declare(client, card, capture, PROCEEDS)
    assert _codes(batch) == ["QT_SH_WXX"]
    flow.revoke(client, batch, "等待电子信息")
    flow.plant_einfo(row.entry_id)
    again = _declare(client, card, capture, PROCEEDS)
    assert again.status == BatchStatus.CHECKED and _codes(again) == []
    assert "已正式申报" in flow.confirm(client, card, again)
    flow.download(client)
    again.refresh_from_db()
    assert again.status == BatchStatus.PASSED


def test_no_info_refused_when_the_bureau_has_the_information(client: Any, world: Any) -> None:
    clerk, card, capture = world
    row = make_no_info(clerk.enterprise, period=flow.PERIOD)
    flow.plant_einfo(row.entry_id)
    batch = _declare(client, card, capture, NO_INFO)
    assert _codes(batch) == ["QT_WDZ_YXX"] and batch.status == BatchStatus.BLOCKED


def test_no_info_refused_by_the_bureau_once_its_deadline_passed(client: Any, world: Any) -> None:
    clerk, card, capture = world
    row = make_no_info(clerk.enterprise, period=flow.PERIOD)
    assert row.declaration_deadline == date(2029, 6, 30)  # D2026_36M: 2026-06 + 36 months
    flow.set_bureau_today(date(2029, 7, 1))
    batch = _declare(client, card, capture, NO_INFO)
    assert _codes(batch) == ["QT_WDZ_CQ"]


def test_no_info_approved_extends_the_deadline(client: Any, world: Any) -> None:
    clerk, card, capture = world
    row = make_no_info(clerk.enterprise, period=flow.PERIOD)
    batch = _declare(client, card, capture, NO_INFO)
    assert batch.status == BatchStatus.CHECKED
    flow.confirm(client, card, batch)
    flow.download(client)
    row.refresh_from_db()
    assert row.extended_to == extended_deadline(date(2029, 6, 30)) == date(2030, 6, 30)
    # the deadline checks (免抵退 数据一致性检查) see it through rebate.codes' hook
    found = deadline_extensions(clerk.enterprise, [f"{row.entry_id}001", "530420260000000000001"])
    assert found == {row.entry_id: date(2030, 6, 30)}


def test_info_query_answered_per_document(client: Any, world: Any) -> None:
    clerk, card, capture = world
    present = make_info_query(clerk.enterprise, period=flow.PERIOD)
    absent = make_info_query(clerk.enterprise, period=flow.PERIOD)
    invoice = make_info_query(clerk.enterprise, period=flow.PERIOD, doc_kind="03",
                              doc_no="440026113012345678")  # fmt: skip
    flow.plant_einfo(present.doc_no)
    flow.plant_invoice("12345678", "100.00", "13.00", code="4400261130")
    batch = _declare(client, card, capture, INFO_QUERY)
    assert batch.status == BatchStatus.CHECKED
    flow.confirm(client, card, batch)
    flow.download(client)
    found = dict(models.InfoQuery.objects.values_list("pk", "info_status"))
    assert found == {present.pk: InfoStatus.PRESENT, absent.pk: InfoStatus.ABSENT,
                     invoice.pk: InfoStatus.PRESENT}  # fmt: skip


def test_used_equipment_confirmed_refund(client: Any, world: Any) -> None:
    clerk, card, capture = world
    row = make_used_equipment(clerk.enterprise, period=flow.PERIOD)
    flow.plant_einfo(row.entry_id)
    batch = _declare(client, card, capture, USED_EQUIPMENT)
    assert _codes(batch) == ["QT_YS_FP"]  # the device's invoice is not at the bureau
    flow.revoke(client, batch, "发票")
    flow.plant_invoice(row.voucher_no, "180000.00", "23400.00")
    again = _declare(client, card, capture, USED_EQUIPMENT)
    assert again.status == BatchStatus.CHECKED
    flow.confirm(client, card, again)
    flow.download(client)
    row.refresh_from_db()
    assert row.confirmed_refund == Decimal("17550.00")  # 180,000 × 150,000 ÷ 200,000 × 13%


def test_non_own_product_refund_above_the_tax_paid(client: Any, world: Any) -> None:
    clerk, card, capture = world
    row = make_non_own(clerk.enterprise, period=flow.PERIOD, tax_amount=Decimal("2000.00"))
    flow.plant_einfo(row.entry_id)
    assert row.refund == Decimal("3000.00")  # 20,000 × 15%
    batch = _declare(client, card, capture, NON_OWN)
    assert _codes(batch) == ["QT_FZ_TSE"]


def test_non_own_product_confirmed(client: Any, world: Any) -> None:
    clerk, card, capture = world
    row = make_non_own(clerk.enterprise, period=flow.PERIOD)
    flow.plant_einfo(row.entry_id)
    batch = _declare(client, card, capture, NON_OWN)
    assert batch.status == BatchStatus.CHECKED
    flow.confirm(client, card, batch)
    flow.download(client)
    row.refresh_from_db()
    assert row.confirmed_refund == Decimal("3000.00")


def test_rating_reports_one_declaration(client: Any, world: Any) -> None:
    clerk, card, capture = world
    make_capacity_report(clerk.enterprise, period=flow.PERIOD)
    make_risk_control_report(clerk.enterprise, period=flow.PERIOD)
    flow.set_bureau_today(date(2024, 12, 1))  # the bureau's year before the 报告年度 2025
    batch = _declare(client, card, capture, RATING)
    assert _codes(batch) == ["QT_PD_ND", "QT_PD_ND"] and batch.line_count == 1
    flow.revoke(client, batch, "年度")
    flow.set_bureau_today(date(2026, 12, 1))
    again = _declare(client, card, capture, RATING)
    assert again.status == BatchStatus.CHECKED and again.record_count == 2
    flow.confirm(client, card, again)
    flow.download(client)
    again.refresh_from_db()
    assert again.status == BatchStatus.PASSED


def test_a_batch_takes_only_its_business_rows(client: Any, world: Any) -> None:
    clerk, card, capture = world
    make_no_info(clerk.enterprise, period=flow.PERIOD)
    query = make_info_query(clerk.enterprise, period=flow.PERIOD)
    flow.generate(client, card, capture, NO_INFO)
    query.refresh_from_db()
    assert query.declaration_batch_id is None and query.status == "collected"


def test_feedback_read_in_from_a_file(client: Any, world: Any) -> None:
    """反馈读入 (QT-16): the bureau's review file, uploaded, approves the batch and brings the
    confirmed 退税额 onto the row, as 周边审核结果下载 does."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from rebate.declarations.ports import bureau
    from rebate.integrations.wire.feedback.writer import write_review

    clerk, card, capture = world
    row = make_used_equipment(clerk.enterprise, period=flow.PERIOD)
    flow.plant_einfo(row.entry_id)
    flow.plant_invoice(row.voucher_no, "180000.00", "23400.00")
    batch = _declare(client, card, capture, USED_EQUIPMENT)
    flow.confirm(client, card, batch)
    feedback = bureau().review_feedback(
        customs_code=flow.CODE, business_code=USED_EQUIPMENT, period=flow.PERIOD
    )
    out = io.BytesIO()
    write_review(out, customs_code=flow.CODE, family=feedback.family, period=flow.PERIOD,
                 results=feedback.declarations)  # fmt: skip
    upload = SimpleUploadedFile("fk.xml", out.getvalue(), content_type="application/xml")
    response = client.post(flow.page("feedback_upload"), {"file": upload}, follow=True)
    assert "反馈读入成功" in flow.messages(response)
    batch.refresh_from_db()
    row.refresh_from_db()
    assert batch.status == BatchStatus.PASSED and row.confirmed_refund == Decimal("17550.00")
