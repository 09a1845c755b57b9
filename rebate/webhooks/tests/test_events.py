"""The services that finish each step announce it: 信息下载, 生成申报数据, 自检完成 (with doubt
counts), 审核通过 / 税局退回 (with the approved amounts), and 申报期限临近 from the tick."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest

from rebate.calc.deadlines import declaration_deadline
from rebate.customs.deadlines import deadline_events
from rebate.customs.services import declarations_store
from rebate.customs.tests.factories import make_declaration, wire_declaration
from rebate.declarations import services
from rebate.declarations.tests.test_lifecycle_flow import generate
from rebate.integrations.wire import feedback as wire
from rebate.webhooks.choices import Event
from rebate.webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db


def received(receiver: Any) -> list[dict[str, Any]]:
    return [json.loads(r.body) for r in receiver.requests]


def events(receiver: Any) -> list[str]:
    return [body["event"] for body in received(receiver)]


def test_download_announces_the_count(clerk, hook, receiver, sent) -> None:
    incoming = [wire_declaration(clerk.enterprise.customs_code) for _ in range(3)]
    with sent():
        declarations_store(enterprise=clerk.enterprise, actor=clerk, declarations=incoming)
    (body,) = received(receiver)
    assert body["event"] == Event.DECLARATIONS_DOWNLOADED
    assert body["data"]["count"] == 3 and body["data"]["new"] == 3
    assert body["data"]["origin"] == "下载"


def test_the_lifecycle_announces_each_finished_step(clerk, hook, receiver, sent, lines, bureau):
    lines()
    e = clerk.enterprise
    with sent():
        batch = generate(clerk)
    assert events(receiver) == [Event.BATCH_GENERATED]
    assert received(receiver)[0]["data"]["batch"]["number"] == batch.number
    services.batch_self_check(enterprise=e, actor=clerk, batch_id=batch.pk)
    bureau.next_doubts = (
        wire.Doubt("MDT_CKHW_BGD_LSSBJL", "I", True, "可能重复申报", "TSSB", "0001"),
        wire.Doubt("MDT_CKHW_BGD_LSSBJL", "I", True, "可能重复申报", "TSSB", "0002"),
    )
    bureau.finish_self_check()
    with sent():
        services.refresh_pending(enterprise=e, actor=clerk, family="mdt")
    checked = received(receiver)[-1]
    assert checked["event"] == Event.BATCH_SELF_CHECKED
    assert checked["data"]["doubt_count"] == 2 and checked["data"]["blocking_count"] == 0
    assert checked["data"]["batch"]["status_label"] == "自检完成"
    services.batch_confirm(enterprise=e, actor=clerk, batch_id=batch.pk)
    bureau.review()
    with sent():
        services.refresh_pending(enterprise=e, actor=clerk, family="mdt")
    approved = received(receiver)[-1]
    assert approved["event"] == Event.BATCH_APPROVED
    amounts = {a["key"]: a for a in approved["data"]["approved"]}
    batch.refresh_from_db()
    assert Decimal(amounts["refund_due"]["value"]) == batch.figure("refund_due")
    assert amounts["refund_due"]["label"]  # labelled by the family's review columns
    assert len(receiver.requests) == 3 == WebhookDelivery.objects.count()


def test_a_returned_batch_announces_the_reasons(clerk, hook, receiver, sent, lines, bureau):
    lines()
    e = clerk.enterprise
    batch = generate(clerk)
    services.batch_self_check(enterprise=e, actor=clerk, batch_id=batch.pk)
    bureau.finish_self_check()
    services.refresh_pending(enterprise=e, actor=clerk, family="mdt")
    services.batch_confirm(enterprise=e, actor=clerk, batch_id=batch.pk)
    bureau.review_result, bureau.reasons = wire.RETURNED, "出口发票号与报关单不符"
    bureau.review()
    with sent():
        services.refresh_pending(enterprise=e, actor=clerk, family="mdt")
    returned = received(receiver)[-1]
    assert returned["event"] == Event.BATCH_RETURNED
    assert returned["data"]["reasons"] == "出口发票号与报关单不符"
    assert returned["data"]["batch"]["status_label"] == "税局退回"


def test_deadline_approaching_once_per_deadline(clerk, hook, receiver, sent) -> None:
    export = datetime.date(2026, 3, 5)
    make_declaration(clerk.enterprise, ie_date=export)
    make_declaration(clerk.enterprise, ie_date=export)
    make_declaration(clerk.enterprise, ie_date=datetime.date(2026, 9, 5))  # not due yet
    due = declaration_deadline(export)
    receiver.requests.clear()  # the downloads' own events
    with sent():
        assert deadline_events(due - datetime.timedelta(days=40)) == 0  # outside the window
        assert deadline_events(due - datetime.timedelta(days=20)) == 1
        assert deadline_events(due - datetime.timedelta(days=19)) == 0  # told already
    (body,) = received(receiver)
    assert body["event"] == Event.DEADLINE_APPROACHING
    assert body["data"]["deadline"] == due.isoformat() and body["data"]["days_left"] == 20
    assert body["data"]["count"] == 2 and len(body["data"]["entry_ids"]) == 2
