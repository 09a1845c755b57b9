"""出口退税业务提醒申请 approved: the simulated bureau texts the enterprise's phone through the SMS
simulator — the approval, and an export whose 申报期限 is near and not yet declared."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from rebate.calc.deadlines import declaration_deadline
from rebate.declarations.choices import BatchStatus

from .conftest import declare, feedback
from .factories import make_reminder

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


def texts() -> list[str]:
    messages = apps.get_model("sim_sms", "Message").objects
    return list(messages.filter(phone=PHONE).order_by("id").values_list("text", flat=True))


def undeclared_export_near_its_deadline(customs_code: str) -> None:
    """An export of 2026-06-15 not declared, the bureau's clock 20 days before its 申报期限."""
    day = date(2026, 6, 15)
    clock = apps.get_model("sim_taxbureau", "Clock").objects
    clock.all().delete()
    clock.create(today=declaration_deadline(day) - timedelta(days=20))
    bureau = apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=customs_code)
    apps.get_model("sim_taxbureau", "CustomsInfo").objects.create(
        enterprise=bureau, item_key="531620230000012345001", export_date=day, received_on=day,
        commodity_code="8501109990", commodity_name="电动机", unit="011",
        quantity=Decimal("10"), fob_usd=Decimal("100.00"), fob_cny=Decimal("700.00"),
        currency="USD", deal_total=Decimal("100.00"),
    )  # fmt: skip


def test_an_approved_reminder_application_texts_the_phone(clerk: Any) -> None:
    undeclared_export_near_its_deadline(clerk.enterprise.customs_code)
    make_reminder(clerk.enterprise, phone1=PHONE, remind_receipt=False, remind_documents=False)
    declare(clerk, "A0409001")
    assert texts() == []  # nothing before the bureau approved it
    assert feedback(clerk).status == BatchStatus.PASSED  # type: ignore[union-attr]
    sent = texts()
    assert "已开通出口退税业务提醒服务（即将逾期申报）" in sent[0]
    assert "1条出口货物报关单尚未申报退（免）税" in sent[1] and "逾期将视同内销" in sent[1]
    call_command("sim_send_reminders", enterprise=clerk.enterprise.customs_code)
    assert texts() == sent  # the same reminder is not sent twice
