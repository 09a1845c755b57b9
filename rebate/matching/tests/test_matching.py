"""单证匹配: suggestions from stored documents, the one confirm path, 出口发票号 written onto
undeclared lines only, the 收汇情况 rows, and the pages' refusals."""

from __future__ import annotations

import html
import io
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from rebate.accounts.tests.factories import make_user
from rebate.core.imports import run_import
from rebate.customs.tests.factories import make_declaration, wire_item
from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line
from rebate.matching import selectors, services
from rebate.matching.models import ExportInvoice, Match
from rebate.matching.records import INVOICE
from rebate.other_declarations.models import ProceedsReceipt

from .factories import make_invoice, make_receipt

pytestmark = pytest.mark.django_db


def order(enterprise):
    """One order: a 30000.00 USD declaration (two items), three invoices, two receipts (50.00
    bank charges), a stray invoice of another buyer and a EUR receipt of the same amount."""
    declaration = make_declaration(enterprise, items=(
        wire_item(1, decl_total=D("18000.00")), wire_item(2, decl_total=D("12000.00")),
    ))  # fmt: skip
    invoices = [
        make_invoice(enterprise, invoice_no=n, amount=D(a), issued_on=date(2026, 3, d))
        for n, a, d in (("FP-A", "10000.00", 4), ("FP-B", "12000.00", 5), ("FP-C", "8000.00", 6))
    ]
    make_invoice(enterprise, invoice_no="FP-X", amount=D("7000.00"), buyer="Globex GmbH",
                 contract_no="HT-777")  # fmt: skip
    receipts = [
        make_receipt(enterprise, amount=D("18000.00"), bank_reference="BK-1"),
        make_receipt(enterprise, amount=D("11950.00"), bank_reference="BK-2",
                     received_on=date(2026, 5, 10)),
    ]  # fmt: skip
    make_receipt(enterprise, amount=D("29950.00"), currency="EUR", bank_reference="BK-EUR")
    return declaration, invoices, receipts


def test_session_suggests_the_order_and_lists_the_rest(clerk) -> None:
    declaration, _invoices, _receipts = order(clerk.enterprise)
    found = selectors.session(clerk.enterprise)
    assert len(found.proposals) == 1
    proposal = found.proposals[0]
    assert proposal.declaration == declaration and proposal.declaration.total == D("30000.00")
    assert [i.invoice_no for i in proposal.invoices] == ["FP-A", "FP-B", "FP-C"]
    assert [r.bank_reference for r in proposal.receipts] == ["BK-1", "BK-2"]
    assert [i.invoice_no for i in found.invoices] == ["FP-A", "FP-B", "FP-X", "FP-C"]  # by date


def test_confirm_fills_invoice_numbers_on_undeclared_lines_only(clerk) -> None:
    ent = clerk.enterprise
    declaration, invoices, receipts = order(ent)
    open_line = make_export_line(ent, item_key=f"{declaration.entry_id}001", invoice_no="")
    declared = make_export_line(
        ent, status="declared", item_key=f"{declaration.entry_id}002", invoice_no="OLD-1"
    )
    flagged = make_export_line(ent, item_key=f"{declaration.entry_id}003", invoice_no="")
    ExportLine.objects.filter(pk=flagged.pk).update(recheck_reason="退税率 13%→9%")
    match = services.match_confirm(
        enterprise=ent, actor=clerk, declaration_ids=[declaration.pk],
        invoice_ids=[i.pk for i in invoices], receipt_ids=[r.pk for r in receipts], score=95,
    )  # fmt: skip
    assert match.lines_updated == 2
    open_line.refresh_from_db()
    flagged.refresh_from_db()
    declared.refresh_from_db()
    assert open_line.invoice_no == "FP-A,FP-B,FP-C"
    assert flagged.invoice_no == "FP-A,FP-B,FP-C"
    assert flagged.recheck_reason == "退税率 13%→9%"  # only 出口发票号 was written
    assert declared.invoice_no == "OLD-1"  # declared data is never altered
    rows = selectors.receipt_rows(ent, match)
    assert [
        (r.item_key_prefix, r.invoice_no, r.transaction_total, r.receipt_amount) for r in rows
    ] == [
        (declaration.entry_id, "FP-A,FP-B,FP-C", D("30000.00"), D("18000.00")),
        (declaration.entry_id, "FP-A,FP-B,FP-C", D("30000.00"), D("11950.00")),
    ]
    assert selectors.session(ent).proposals == []
    assert selectors.unmatched_counts(ent) == {"报关单": 0, "出口发票": 1, "收汇": 1}


def test_a_matched_document_cannot_join_another_match_or_be_edited(clerk) -> None:
    ent = clerk.enterprise
    declaration, invoices, _receipts = order(ent)
    services.match_confirm(enterprise=ent, actor=clerk, declaration_ids=[declaration.pk],
                           invoice_ids=[invoices[0].pk])  # fmt: skip
    other = make_declaration(ent)
    with pytest.raises(ValidationError) as caught:
        services.match_confirm(enterprise=ent, actor=clerk, declaration_ids=[other.pk],
                               invoice_ids=[invoices[0].pk])  # fmt: skip
    assert "FP-A 已在其他匹配中，请先撤销原匹配" in caught.value.messages[0]
    with pytest.raises(ValidationError, match="已确认匹配，不能修改或删除"):
        services.document_update(obj=invoices[0], enterprise=ent, actor=clerk,
                                 data={"amount": D("1.00")})  # fmt: skip
    assert Match.objects.count() == 1


def test_currencies_must_agree_and_ids_must_be_the_enterprises(clerk) -> None:
    ent = clerk.enterprise
    declaration, invoices, _ = order(ent)
    eur = make_receipt(ent, currency="EUR", amount=D("10.00"))
    with pytest.raises(ValidationError, match="币种不一致（EUR、USD）"):
        services.match_confirm(enterprise=ent, actor=clerk, declaration_ids=[declaration.pk],
                               invoice_ids=[invoices[0].pk], receipt_ids=[eur.pk])  # fmt: skip
    stranger = make_invoice(make_user().enterprise)
    with pytest.raises(ValidationError, match="所选出口发票不存在或不属于本企业"):
        services.match_confirm(enterprise=ent, actor=clerk, declaration_ids=[declaration.pk],
                               invoice_ids=[stranger.pk])  # fmt: skip
    assert Match.objects.count() == 0


def test_invoice_numbers_that_do_not_fit_keep_the_first_and_say_so() -> None:
    many = [ExportInvoice(invoice_no=f"INV-2026-{n:05d}") for n in range(5)]
    assert services.invoice_numbers(many) == "INV-2026-00000,INV-2026-00001等"


def test_pages_confirm_and_cancel(client, clerk) -> None:
    declaration, invoices, receipts = order(clerk.enterprise)
    client.force_login(clerk)
    page = client.get(reverse("matching:session")).content.decode()
    assert "建议匹配" in page and "FP-A" in page and "BK-EUR" in page
    empty = client.post(reverse("matching:confirm"), {"invoice": [invoices[0].pk]}, follow=True)
    assert "请至少选择一张报关单和一张出口发票" in empty.content.decode()
    data = {"declaration": [declaration.pk], "invoice": [i.pk for i in invoices],
            "receipt": [r.pk for r in receipts], "score": "96"}  # fmt: skip
    done = client.post(reverse("matching:confirm"), data, follow=True)
    match = Match.objects.get()
    assert done.redirect_chain[-1][0] == reverse("matching:match_detail", args=[match.pk])
    assert "出口货物收汇情况表" in done.content.decode() and "11950.00" in done.content.decode()
    client.post(reverse("matching:match_cancel", args=[match.pk]))
    assert not Match.objects.exists()


def _links(page: str, css_class: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(rf'class="{css_class}" href="([^"]+)"', page)]


def test_a_match_prefills_the_proceeds_form_the_clerk_then_saves(client, clerk) -> None:
    declaration, invoices, receipts = order(clerk.enterprise)
    match = services.match_confirm(
        enterprise=clerk.enterprise, actor=clerk, declaration_ids=[declaration.pk],
        invoice_ids=[i.pk for i in invoices], receipt_ids=[r.pk for r in receipts],
    )  # fmt: skip
    client.force_login(clerk)
    detail = client.get(reverse("matching:match_detail", args=[match.pk])).content.decode()
    proceeds = _links(detail, "fill-proceeds")
    clerk.enterprise.category = "2"  # 一至三类 keep the 收汇情况表 in 其他申报
    clerk.enterprise.save()
    assert len(proceeds) == 2 and len(_links(detail, "fill-proof")) == 2
    opened = client.get(proceeds[1])
    assert opened.status_code == 200, (opened.status_code, opened.content.decode()[:3000])
    form = opened.context["form"]
    assert form["entry_id"].value() == declaration.entry_id
    assert form["invoice_no"].value() == "FP-A,FP-B,FP-C"
    assert form["receipt_amount"].value() == "11950.00"
    assert form["received_on"].value() == "2026-05-10"
    assert not ProceedsReceipt.objects.exists()  # opening the form stores nothing
    values = dict(form.initial) | {"period": "202605"}
    saved = client.post(proceeds[1].split("?")[0], values)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    row = ProceedsReceipt.objects.get(enterprise=clerk.enterprise)
    assert (row.receipt_amount, row.transaction_total) == (D("11950.00"), D("30000.00"))
    clerk.enterprise.category = "4"  # 四类 file it with 免抵退 (收汇证明)
    clerk.enterprise.save()
    proof = client.get(_links(detail, "fill-proof")[0]).context["form"]
    assert proof["item_key"].value() == f"{declaration.entry_id}001"
    assert proof["bank_reference"].value() == "BK-1"


def test_invoices_import_through_the_record_framework(clerk) -> None:
    book = Workbook()
    book.active.append(["出口发票号", "开票日期", "购买方（外商）名称", "币种", "发票金额"])
    book.active.append(["FP-9", "2026-03-05", "ACME", "USD", "100.50"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    assert run_import(INVOICE, enterprise=clerk.enterprise, actor=clerk, upload=buffer) == 1
    assert ExportInvoice.objects.get().amount == D("100.50")
