"""History read in (申请下载 of a period declared before this system): its 报关单 become 已申报
and are not generated again, 数据查询 compares it like with like, 本年累计 counts it once."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rebate.core.models import StatusChange
from rebate.customs.choices import CheckStatus, GenerationStatus
from rebate.customs.models import Declaration
from rebate.customs.services import declarations_generate
from rebate.customs.tests.factories import make_declaration, wire_item
from rebate.declarations import services
from rebate.integrations.wire import feedback as wire
from rebate.integrations.wire.feedback import writer
from rebate.mdt.selectors import summary_table
from rebate.mdt.services import summary_staleness
from rebate.mdt.tests.test_summary import _summary as generate_summary

pytestmark = pytest.mark.django_db
D = Decimal
HISTORY = "202502"  # approved before this system, read in by 申请下载


def approved(declarations, period=HISTORY, receipt="LS202502001"):
    """The bureau's review of a past declaration of every item of ``declarations``."""
    items = [i for d in declarations for i in d.items.order_by("g_no")]
    return approved_items([(i.item_key, i) for i in items], period, receipt)


def approved_items(keyed_items, period=HISTORY, receipt="LS202502001"):
    """The same review from (item key, item) pairs: stored items or customs' wire items."""
    lines = tuple(
        wire.ReviewedLine(f"{n:04d}", key, i.first_qty, i.fob_usd, i.fob_cny, D("923.00"))
        for n, (key, i) in enumerate(keyed_items, 1)
    )
    return wire.ReviewResult(
        receipt_no=receipt,
        business_code="A0305001",
        period=period,
        result=wire.PASSED,
        line_count=len(lines),
        fob_usd_total=sum((line.fob_usd for line in lines), D(0)),
        fob_cny_total=sum((line.fob_cny for line in lines), D(0)),
        reviewed_on=date(2025, 3, 20),
        exempt_credit_refund=D("923.00") * len(lines),
        refund=D("900.00") * len(lines),
        exempt_credit=D("23.00") * len(lines),
        lines=lines,
    )


def download(clerk, period=HISTORY):
    return services.feedback_download(
        enterprise=clerk.enterprise, actor=clerk, family="mdt", period=period
    )


def customs_declaration(clerk, **overrides):
    d = make_declaration(clerk.enterprise, **overrides)
    Declaration.objects.filter(pk=d.pk).update(check_status=CheckStatus.PASSED)
    return Declaration.objects.get(pk=d.pk)


def test_history_marks_its_declarations_declared_and_refuses_a_second_generation(clerk, bureau):
    old = customs_declaration(clerk, ie_date=date(2025, 2, 10))
    other = customs_declaration(clerk, ie_date=date(2025, 2, 11))
    assert old.generation_status == GenerationStatus.NOT_GENERATED
    bureau.history.append(approved([old]))
    download(clerk)

    old.refresh_from_db()
    assert old.generation_status == GenerationStatus.DECLARED and old.declared_period == HISTORY
    audit = StatusChange.objects.get(object_id=str(old.pk), field="generation_status")
    assert (audit.from_state, audit.to_state) == ("0", "2") and "LS202502001" in audit.note
    other.refresh_from_db()
    assert other.generation_status == GenerationStatus.NOT_GENERATED
    with pytest.raises(ValidationError) as refused:
        declarations_generate(
            enterprise=clerk.enterprise,
            actor=clerk,
            declaration_ids=[old.pk, other.pk],
            period="202502",
            invoice_no="2544000001",
        )
    # Each ticked declaration is refused with its own reason (`other` has no USD rate here).
    assert refused.value.messages[0] == (
        f"报关单{old.entry_id}的明细已在所属期{HISTORY}申报并经税局审核通过，不能重复生成退税"
    )
    assert Declaration.objects.get(pk=old.pk).get_generation_status_display() == "已申报"


def test_query_compares_history_like_with_like(client, clerk, bureau):
    old = customs_declaration(clerk, ie_date=date(2025, 2, 10))
    bureau.history.append(approved([old]))
    download(clerk)
    client.force_login(clerk)
    html = client.get(reverse("mdt:query")).content.decode()
    assert "反馈获取" in html and "有差异" not in html
    assert html.count("一致") == 2  # 人民币离岸价 and 免抵退税额: the bureau's lines vs its totals


def test_year_to_date_includes_history_once_read_in(clerk, lines, bureau):
    lines()  # 202503: the worked example (280,000 USD, 2,000,000 CNY, 免抵退税额 200,000)
    old = customs_declaration(
        clerk,
        ie_date=date(2025, 2, 10),
        items=(wire_item(1), wire_item(2, fob_usd=D("500.00"), fob_cny=D("3550.00"))),
    )
    bureau.history.append(approved([old]))
    download(clerk)
    summary = generate_summary(clerk)
    rows = {r.row: r for r in summary_table(summary)}
    assert rows[2].current == D("280000.00") and rows[2].year_to_date == D("281500.00")
    assert rows[4].year_to_date == D("2000000.00") + D("10650.00")
    assert rows[11].year_to_date == D("200000.00") + D("1846.00")
    assert rows[18].year_to_date == rows[18].current + D("1800.00")
    assert rows[13].year_to_date == rows[13].current  # the carry-in is not summed
    download(clerk)  # the same feedback again changes nothing, counts nothing twice
    assert summary_staleness(clerk.enterprise, summary) == ""


def test_feedback_read_from_a_file_marks_its_declarations_too(clerk):
    d = customs_declaration(clerk, ie_date=date(2025, 2, 10))
    out = io.BytesIO()
    writer.write_review(
        out,
        customs_code=clerk.enterprise.customs_code,
        family="mdt",
        period=HISTORY,
        results=[approved([d])],
    )
    services.feedback_read(enterprise=clerk.enterprise, actor=clerk, data=out.getvalue())
    d.refresh_from_db()
    assert (d.generation_status, d.declared_period) == (GenerationStatus.DECLARED, HISTORY)


def test_a_declaration_downloaded_after_its_history_was_read_in_is_declared(clerk, bureau):
    from rebate.customs.services import declarations_store
    from rebate.customs.tests.factories import wire_declaration

    later = wire_declaration(clerk.enterprise.customs_code, ie_date=date(2025, 2, 12))
    bureau.history.append(approved_items([(i.item_key(later.entry_id), i) for i in later.items]))
    download(clerk)  # the feedback comes first: customs' 报关单 is not here yet
    assert not Declaration.objects.filter(entry_id=later.entry_id).exists()

    declarations_store(enterprise=clerk.enterprise, actor=clerk, declarations=[later])
    stored = Declaration.objects.get(enterprise=clerk.enterprise, entry_id=later.entry_id)
    assert (stored.generation_status, stored.declared_period) == (
        GenerationStatus.DECLARED,
        HISTORY,
    )
    assert "LS202502001" in StatusChange.objects.get(object_id=str(stored.pk)).note
    Declaration.objects.filter(pk=stored.pk).update(check_status=CheckStatus.PASSED)
    with pytest.raises(ValidationError) as refused:
        declarations_generate(
            enterprise=clerk.enterprise,
            actor=clerk,
            declaration_ids=[stored.pk],
            period="202502",
            invoice_no="2544000001",
        )
    assert f"已在所属期{HISTORY}申报" in refused.value.messages[0]


def test_query_shows_history_sums_with_two_places(client, clerk, bureau):
    old = customs_declaration(
        clerk,
        ie_date=date(2025, 2, 10),
        items=(wire_item(1, fob_cny=D("3550.15")), wire_item(2, fob_cny=D("1200.10"))),
    )
    bureau.history.append(approved([old]))
    download(clerk)
    client.force_login(clerk)
    html = client.get(reverse("mdt:query")).content.decode()
    declared = [c.split(">", 1)[1].split("<", 1)[0] for c in html.split('class="num declared')[1:]]
    assert "4750.25" in declared and all(v == "—" or len(v.split(".")[-1]) == 2 for v in declared)
