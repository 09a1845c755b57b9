"""期限看板 on planted data: every kind of dated obligation with its days left on 2026-03-20,
sorted by urgency, what is done dropped, the SMS reminders the 业务提醒 filing turns on."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rebate.declarations.tests.factories import make_batch
from rebate.documents.tests.factories import make_entry
from rebate.filings.tests.factories import make_reminder
from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line, make_receipt
from rebate.matching.tests.factories import make_match
from rebate.obligations import selectors
from rebate.processing.tests.factories import make_feedback

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 20)


def plant(enterprise):
    old = make_export_line(enterprise, period="202512", export_date=date(2025, 11, 10))
    new = make_export_line(enterprise, export_date=date(2026, 3, 5))
    received = make_export_line(enterprise, export_date=date(2026, 3, 6))
    make_receipt(enterprise, item_key=received.item_key, received_on=date(2026, 3, 18))
    declared = make_export_line(enterprise, status="declared", export_date=date(2026, 1, 10))
    hwc = make_export_line(
        enterprise, status="declared", export_date=date(2026, 2, 1), business_types="HWC-YT"
    )
    flagged = make_export_line(enterprise, export_date=date(2026, 2, 2))
    ExportLine.objects.filter(pk=flagged.pk).update(recheck_reason="退税率 13%→9%（SAMPLE2026）")
    make_batch(enterprise, status="declared", declared_at=datetime(2026, 3, 10, 3, tzinfo=UTC))
    make_feedback(enterprise, manual_no="C51234500001", writeoff_date=date(2025, 7, 25))
    return old, new, received, declared, hwc, flagged


def rows(board):
    return [(o.kind, o.label, o.due.isoformat(), o.days_left) for o in board.obligations]


def test_every_obligation_with_days_left_sorted_by_urgency(clerk) -> None:
    _old, new, received, declared, hwc, flagged = plant(clerk.enterprise)
    board = selectors.board(clerk.enterprise, TODAY)
    found = rows(board)
    assert found[:4] == [
        ("备案单证", "备案单证整理期限", "2026-03-25", 5),  # declared 2026-03-10 + 15 days
        ("申报期限", "申报期限", "2026-04-15", 26),  # 2025 export: D2012_APRIL
        ("收汇", "收汇期限", "2026-04-15", 26),  # R2013_DECL: by the 申报期截止之日
        ("进料加工核销", "进料加工核销申报", "2026-04-20", 31),
    ]
    new_rows = [
        r for o, r in zip(board.obligations, found, strict=True) if new.item_key in o.subject
    ]
    assert new_rows == [
        ("申报期限", "正常申报期限", "2027-04-15", 391),
        ("收汇", "收汇期限", "2027-04-30", 406),
        ("申报期限", "最终申报期限", "2029-03-31", 1107),  # D2026_36M: end of export month + 36
    ]
    assert not any(received.item_key in o.subject and o.kind == "收汇" for o in board.obligations)
    declared_rows = [o for o in board.obligations if declared.item_key in o.subject]
    assert [(o.kind, o.due.isoformat()) for o in declared_rows] == [("收汇", "2027-04-30")]
    hwc_rows = [(o.due.isoformat(), o.subject) for o in board.obligations if o.kind == "海外仓对账"]
    assert len(hwc_rows) == 1 and hwc_rows[0][0] == "2027-04-15" and hwc.item_key in hwc_rows[0][1]
    rate = next(o for o in board.obligations if o.kind == "退税率变更")
    assert rate.due == date(2027, 4, 15) and "13%→9%" in rate.subject
    assert rate.url == reverse("goods:exportline_detail", args=[flagged.pk])
    assert [o.days_left for o in board.obligations] == sorted(
        o.days_left for o in board.obligations
    )
    assert board.reminders.on is False and not any(o.reminded for o in board.obligations)


def test_a_catalogued_declaration_has_no_documents_row(clerk) -> None:
    declared_at = datetime(2026, 3, 12, 3, tzinfo=UTC)
    open_batch = make_batch(clerk.enterprise, status="declared", declared_at=declared_at)
    done = make_batch(clerk.enterprise, status="declared", declared_at=declared_at)
    make_entry(clerk.enterprise, batch=done)
    rows = [o for o in selectors.board(clerk.enterprise, TODAY).obligations if o.kind == "备案单证"]
    assert [(o.due, o.days_left, o.rule) for o in rows] == [(date(2026, 3, 27), 7, "DOC2026_15D")]
    assert rows[0].url == reverse("documents:catalogue", args=[open_batch.pk])


def test_past_dates_are_overdue_and_a_kind_can_be_chosen(clerk) -> None:
    plant(clerk.enterprise)
    board = selectors.board(clerk.enterprise, date(2026, 4, 21), kind="申报期限")
    first = board.obligations[0]
    assert (first.label, first.overdue, first.overdue_days) == ("申报期限", True, 6)
    assert {o.kind for o in board.obligations} == {"申报期限"}


def test_a_confirmed_match_with_a_receipt_settles_the_receipt_deadline(clerk) -> None:
    match = make_match(clerk.enterprise)
    entry = match.declarations.get().entry_id
    make_export_line(clerk.enterprise, item_key=f"{entry}001", export_date=date(2026, 3, 5))
    board = selectors.board(clerk.enterprise, TODAY)
    assert [o.kind for o in board.obligations if entry in o.subject] == ["申报期限", "申报期限"]


def test_reminders_the_declared_filing_turns_on(clerk) -> None:
    plant(clerk.enterprise)
    reminder = make_reminder(clerk.enterprise, remind_receipt=False, phone2="13900000002")
    type(reminder).objects.filter(pk=reminder.pk).update(status="declared")
    board = selectors.board(clerk.enterprise, TODAY)
    assert board.reminders.on and board.reminders.items == ("即将逾期申报", "单证备案")
    assert board.reminders.phones == ("13800000001", "13900000002")
    reminded = {(o.kind, o.reminded) for o in board.obligations}
    assert ("申报期限", True) in reminded and ("备案单证", True) in reminded
    assert ("收汇", False) in reminded and ("进料加工核销", False) in reminded


def test_page_shows_the_board_to_its_enterprise_only(client, clerk) -> None:
    plant(clerk.enterprise)
    make_batch(clerk.enterprise, status="declared", declared_at=timezone.now())
    client.force_login(clerk)
    page = client.get(reverse("obligations:board")).content.decode()
    assert "期限看板" in page and "短信提醒" in page and "未开通" in page
    assert "备案单证整理期限" in page and "C51234500001" in page
    from rebate.accounts.tests.factories import make_user

    client.force_login(make_user())
    other = client.get(reverse("obligations:board")).content.decode()
    assert "没有待办的期限事项" in other and "C51234500001" not in other


def test_a_long_board_is_paged_most_urgent_first(client, clerk, monkeypatch) -> None:
    from rebate.obligations import views

    monkeypatch.setattr(views, "PER_PAGE", 3)
    plant(clerk.enterprise)
    client.force_login(clerk)
    first = client.get(reverse("obligations:board")).content.decode()
    total = len(selectors.board(clerk.enterprise, timezone.localdate()).obligations)
    assert first.count('<tr data-kind="') == 3 and f"共 {total} 项" in first
    assert "下一页" in first and "上一页" not in first
    last_page = -(-total // 3)
    last = client.get(reverse("obligations:board"), {"page": last_page}).content.decode()
    assert last.count('<tr data-kind="') == total - 3 * (last_page - 1) and "上一页" in last
    # the counts in the heading cover every page, not the one shown
    overdue = sum(
        o.overdue for o in selectors.board(clerk.enterprise, timezone.localdate()).obligations
    )
    assert f'id="count-overdue">{overdue}<' in last
