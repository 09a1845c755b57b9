"""购进自用货物 (A0304001) through the engine and the real (in-process) bureau: the bureau checks
each invoice against its own 进项发票 store — a missing invoice is a 不可跳过疑点, the declaration
is revoked (已撤销, the row editable again), the invoice arrives, regenerate → 自检 passes →
正式申报 → 周边审核结果下载 brings the confirmed 退税额 back onto the row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps

from rebate.core.models import RecordStatus
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import ReviewRecord

from .. import SELF_USE, models
from . import flow
from .factories import make_self_use

pytestmark = pytest.mark.django_db


def _bureau_invoice(customs_code: str, row: models.SelfUseGoods, **overrides: Any) -> None:
    sim = apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=customs_code)
    values = {"invoice_code": row.invoice_code, "invoice_no": row.invoice_no,
              "supplier_tax_id": row.supplier_tax_id, "issued_on": row.invoice_date,
              "amount": row.taxable_amount, "tax_rate": row.levy_rate, "tax": row.tax_amount,
              **overrides}  # fmt: skip
    apps.get_model("sim_taxbureau", "PurchaseInvoice").objects.create(enterprise=sim, **values)


def test_self_use_goods_declared_reviewed_and_confirmed(client: Any, world: Any) -> None:
    clerk, card, capture = world
    row = make_self_use(clerk.enterprise, period=flow.PERIOD, invoice_date=date(2026, 10, 12))
    other = make_self_use(clerk.enterprise, period=flow.PERIOD, taxable_amount=Decimal("1234.55"))
    assert (row.tax_amount, row.refund) == (Decimal("1300.00"), Decimal("1300.00"))
    assert other.refund == Decimal("160.49")  # 1,234.55 × 13% = 160.4915
    _bureau_invoice(flow.CODE, other)  # the first invoice is not (yet) at the bureau

    batch = flow.generate(client, card, capture, SELF_USE)
    assert batch.package_name == f"{flow.CODE}_{flow.PERIOD}_zyhw.xml"
    assert batch.figure("refund_total") == Decimal("1460.49")
    flow.self_check(client, card, batch, capture)
    assert batch.status == BatchStatus.BLOCKED
    doubt = batch.doubts.get()
    assert doubt.code == "QT_ZY_WXX" and not doubt.skippable and doubt.line_no == row.sequence_no
    assert doubt.record_id == row.pk
    assert "存在不可跳过疑点" in flow.confirm(client, card, batch)

    flow.revoke(client, batch, "发票信息未到")
    assert batch.status == BatchStatus.REVOKED and batch.get_status_display() == "已撤销"
    row.refresh_from_db()
    assert row.status == RecordStatus.COLLECTED  # back to editing

    _bureau_invoice(flow.CODE, row)
    again = flow.generate(client, card, capture, SELF_USE)
    flow.self_check(client, card, again, capture)
    assert again.status == BatchStatus.CHECKED and not again.doubts.exists()
    assert "已正式申报" in flow.confirm(client, card, again)
    shown = flow.download(client)
    assert "反馈读入成功" in shown
    again.refresh_from_db()
    assert again.status == BatchStatus.PASSED
    review = ReviewRecord.objects.get(batch=again)
    assert review.figures["refund_total"] == "1460.49"
    # 周边审核结果下载 names the business of each result (the family has seven)
    results = client.get(flow.page("feedback_download")).content.decode()
    assert "<th>申报业务</th>" in results and "<td>购进自用货物退税申报</td>" in results
    row.refresh_from_db()
    other.refresh_from_db()
    assert (row.confirmed_refund, other.confirmed_refund) == (Decimal("1300.00"), Decimal("160.49"))


def test_bureau_refuses_an_amount_that_differs_from_its_invoice(client: Any, world: Any) -> None:
    clerk, card, capture = world
    row = make_self_use(clerk.enterprise, period=flow.PERIOD)
    _bureau_invoice(flow.CODE, row, amount=Decimal("9000.00"), tax=Decimal("1170.00"))
    batch = flow.generate(client, card, capture, SELF_USE)
    flow.self_check(client, card, batch, capture)
    assert [d.code for d in batch.doubts.all()] == ["QT_ZY_BF"]
    assert "与发票电子信息（金额9000.00、税额1170.00）不符" in batch.doubts.get().message
