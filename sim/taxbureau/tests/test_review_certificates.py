"""The bureau's 单证 rules (review_certificates) against its own data: every doubt raised by a
planted gap and gone once the bureau holds what it checks; approval issues numbered
certificates into its history, and a 补办 marks its original replaced."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from rebate.integrations.wire.package import GoodsLine
from sim.taxbureau import review_certificates as rules
from sim.taxbureau.models import CustomsInfo, Enterprise, IssuedCertificate, Submission
from sim.taxbureau.selfcheck import run_bureau_checks

pytestmark = pytest.mark.django_db
KEY = "530420260000000001001"
PARTNER = "91440300MA5F000030"


@pytest.fixture
def bureau() -> Enterprise:
    return Enterprise.objects.create(customs_code="4403960S01", uscc="91440300MA5F0000S1",
                                     name="模拟企业")  # fmt: skip


def doubts(bureau: Enterprise, code: str, **record: Any) -> list[str]:
    section = rules.business(code).main.name
    found = rules.check(Submission(enterprise=bureau, business_code=code),
                        {section: [{"line_no": "0001", **record}]})  # fmt: skip
    return sorted(f.code.split("_")[-1] for f in found)


def einfo(bureau: Enterprise, **values: Any) -> CustomsInfo:
    data = {
        "item_key": KEY, "export_date": date(2026, 3, 5), "received_on": date(2026, 3, 9),
        "commodity_code": "8501109990", "commodity_name": "微电机", "unit": "001",
        "quantity": Decimal("100"), "fob_usd": Decimal("1000.00"),
        "fob_cny": Decimal("7100.00"), "currency": "USD", "deal_total": Decimal("1000.00"),
    }  # fmt: skip
    return CustomsInfo.objects.create(enterprise=bureau, **{**data, **values})


def issued(bureau: Enterprise, code: str, number: str, subject: str = "") -> IssuedCertificate:
    return IssuedCertificate.objects.create(
        enterprise=bureau, business_code=code, number=number, subject=subject,
        issued_on=date(2026, 10, 1),
    )  # fmt: skip


def test_agency(bureau: Enterprise) -> None:
    line = {"item_key": KEY, "principal_taxpayer_id": PARTNER, "quantity": Decimal("100"),
            "fob_usd": Decimal("1000.00"), "fob_cny": Decimal("7100.00")}  # fmt: skip
    assert doubts(bureau, "A0201001", **line) == ["WBA", "WDZXX"]
    Enterprise.objects.create(customs_code="4403999996", uscc=PARTNER, name="委托方")
    einfo(bureau)
    assert doubts(bureau, "A0201001", **line) == []
    assert doubts(bureau, "A0201001", **{**line, "quantity": Decimal("101")}) == ["CXHG"]
    issued(bureau, "A0201001", "DLZM440320260000001", KEY)
    assert doubts(bureau, "A0201001", **line) == ["YKJ"]


def test_returned_goods(bureau: Enterprise) -> None:
    line = {"item_key": KEY, "returned_quantity": Decimal("40"),
            "returned_fob_cny": Decimal("2840.00")}  # fmt: skip
    assert doubts(bureau, "A0201005", **line) == ["TYBGD"]  # no customs record
    info = einfo(bureau)
    assert doubts(bureau, "A0201005", **line) == ["TYBGD"]  # exported, never returned
    info.returned_quantity, info.returned_fob_cny = Decimal("30"), Decimal("2130.00")
    info.save()
    assert doubts(bureau, "A0201005", **line) == ["CXHG", "CXHG"]
    CustomsInfo.objects.update(returned_quantity=Decimal("40"), returned_fob_cny=Decimal("2840"))
    assert doubts(bureau, "A0201005", **line) == []


def test_entrusted_inward_cigarette_winning_bid(bureau: Enterprise) -> None:
    assert doubts(bureau, "A0201003", item_key=KEY, trustee_taxpayer_id=PARTNER) == [
        "WBA", "WDZXX",
    ]  # fmt: skip
    assert doubts(bureau, "A0203002", manual_no="B53042600001", invoice_no="1") == ["WSC"]
    einfo(bureau, manual_no="B53042600001")
    assert doubts(bureau, "A0203002", manual_no="B53042600001", invoice_no="1") == []
    assert doubts(bureau, "A0205003", exporter_taxpayer_id=PARTNER, invoice_no="9") == ["WBA"]
    assert doubts(bureau, "A0201007", tender_no="ZB-1") == []
    issued(bureau, "A0201007", "ZBZM440320260000001", "ZB-1")
    assert doubts(bureau, "A0201007", tender_no="ZB-1") == ["YKJ"]


def test_reissue_and_the_numbers_issued(bureau: Enterprise) -> None:
    assert doubts(bureau, "A0202001", original_no="DLZM1") == ["YZMBCZ"]
    original = issued(bureau, "A0201001", "DLZM1", KEY)
    assert doubts(bureau, "A0202001", original_no="DLZM1") == []
    submission = Submission.objects.create(
        enterprise=bureau, receipt_no="R1", filename="f", business_code="A0202001",
        period="202611", card_no="C", digest="d", submitted_at=timezone.now(),
        reviewed_on=date(2026, 12, 1),
    )  # fmt: skip
    rules.issue(submission, {"BBZM": [{"line_no": "0001", "original_no": "DLZM1"}]})
    new = IssuedCertificate.objects.get(submission=submission)
    assert new.number == "BBZM44032026000001" and new.subject == "DLZM1"
    assert submission.lines.get().item_key == new.number
    original.refresh_from_db()
    assert original.replaced
    assert doubts(bureau, "A0202001", original_no="DLZM1") == ["YBB"]


def test_a_line_naming_an_issued_agency_certificate_has_the_agents_customs_record(
    bureau: Enterprise,
) -> None:
    agent = Enterprise.objects.create(customs_code="4403999995", uscc=PARTNER, name="代理")
    einfo(agent)  # the agent exported in its own name
    line = GoodsLine(
        line_no="0001", item_key=KEY, export_date=date(2026, 3, 5), commodity_code="8501109990",
        unit="001", quantity=Decimal("100"), fob_usd=Decimal("1000.00"),
        fob_cny=Decimal("7100.00"), levy_rate=Decimal("0.13"), rebate_rate=Decimal("0.13"),
        agent_certificate_no="DLZM44032026000005",
    )  # fmt: skip

    def codes(line: GoodsLine) -> set[str]:
        return {i.code for i in run_bureau_checks(bureau, "202604", [line], frozenset())}

    assert "MDT_CKHW_BGD_WDZXX" in codes(line)  # not issued (yet): no 电子信息 for the 委托方
    issued(agent, "A0201001", "DLZM44032026000005", KEY)
    assert "MDT_CKHW_BGD_WDZXX" not in codes(line)
    with_item = replace(line, agent_certificate_no="DLZM4403202600000501")  # + 2-digit 项号
    assert "MDT_CKHW_BGD_WDZXX" not in codes(with_item)
    assert "MDT_CKHW_BGD_WDZXX" in codes(replace(line, agent_certificate_no="DLZM9"))


def test_writeoffs_and_the_cigarette_plan(bureau: Enterprise) -> None:
    line = {"item_key": KEY, "exemption_certificate_no": "LLJG1", "manual_no": "B1"}
    assert doubts(bureau, "A0203001", **line) == ["WDZXX", "ZMBCZ"]
    issued(bureau, "A0203002", "LLJG1", "fee-invoice")
    einfo(bureau, manual_no="B2")
    assert doubts(bureau, "A0203001", **line) == ["BSSC"]  # the 报关单 is another manual's
    CustomsInfo.objects.update(manual_no="B1")
    assert doubts(bureau, "A0203001", **line) == []

    permit = {"producer_taxpayer_id": PARTNER, "plan_no": "JH1", "quantity": Decimal("30"),
              "plan_quantity": Decimal("100")}  # fmt: skip
    assert doubts(bureau, "A0205002", **permit) == ["WBA"]
    Enterprise.objects.create(customs_code="4403999994", uscc=PARTNER, name="卷烟厂")
    earlier = issued(bureau, "A0205002", "ZYJY1", "JH1")
    earlier.quantity = Decimal("80")
    earlier.save()
    assert doubts(bureau, "A0205002", **permit) == ["CJH"]  # 80 + 30 > 100
    assert doubts(bureau, "A0205001", item_key=KEY, permit_no="ZYJY1") == []
    assert doubts(bureau, "A0205001", item_key=KEY, permit_no="ZYJY2") == ["ZMBCZ"]
