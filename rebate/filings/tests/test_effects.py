"""What approved filings put in force, through the real simulators: TS-09 opens after an approved
先退税后核销资格; a 放弃 stops 生成申报数据 with its reason and date and 恢复适用 lifts it (refused
inside the 36 months); a 撤回 is refused while a declaration is under review and, approved,
stops every other family; a 委托代办 hands the refunds to the agent until its 撤回."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rebate.declarations import services
from rebate.declarations.choices import BatchStatus
from rebate.declarations.families import get_family
from rebate.declarations.gates import gate_notices
from rebate.goods.access import NO_REFUND_FIRST, refund_first_unavailable
from rebate.goods.models import RefundFirstQualification

from ..models import Standing
from .conftest import CARD_NO, declare, feedback
from .factories import (
    make_agency,
    make_agency_withdrawal,
    make_group_member,
    make_refund_first,
    make_resumption,
    make_waiver,
    make_withdrawal,
)

pytestmark = pytest.mark.django_db


def last_month() -> date:
    """The first day of last month: its 所属期 is one the clerk declares now."""
    first = timezone.localdate().replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def generate_mdt(clerk: Any) -> None:
    period = f"{last_month():%Y%m}"
    services.batch_generate(
        enterprise=clerk.enterprise, actor=clerk, family="mdt", period=period, card_no=CARD_NO
    )


def sim(name: str) -> Any:
    return apps.get_model("sim_taxbureau", name).objects


def test_an_approved_refund_first_qualification_opens_ts09(client: Client, clerk: Any) -> None:
    e = clerk.enterprise
    client.force_login(clerk)
    assert refund_first_unavailable(e) == NO_REFUND_FIRST
    assert "未取得先退税后核销资格" in client.get(reverse("goods:refundfirst_add")).content.decode()
    make_refund_first(e)
    declare(clerk, "A0107001")
    batch = feedback(clerk)
    assert batch is not None and batch.status == BatchStatus.PASSED, batch.bureau_reasons
    assert refund_first_unavailable(e) == ""
    assert RefundFirstQualification.objects.get(enterprise=e).document_no == batch.receipt_no
    assert (
        "未取得先退税后核销资格"
        not in client.get(reverse("goods:refundfirst_add")).content.decode()
    )

    # a second application is refused by the bureau, with its reason
    make_refund_first(e, contract_no="HT-SHIP-02")
    declare(clerk, "A0107001")
    again = feedback(clerk)
    assert again is not None and again.status == BatchStatus.RETURNED
    assert "取得先退税后核销资格，不能重复办理" in again.bureau_reasons


def test_a_waiver_stops_generating_with_its_reason_and_date_until_resumed(
    client: Client, clerk: Any
) -> None:
    e, today, start = clerk.enterprise, timezone.localdate(), last_month()
    make_waiver(e, start_on=start, reason="转为内销经营")
    declare(clerk, "A0409004")
    assert feedback(clerk).status == BatchStatus.PASSED  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as refused:
        generate_mdt(clerk)
    message = refused.value.messages[0]
    assert f"已自{start:%Y-%m-%d}起放弃出口退（免）税" in message and "转为内销经营" in message
    client.force_login(clerk)
    page = client.get(reverse("mdt:generate") + f"?period={start:%Y%m}").content.decode()
    assert "放弃出口退（免）税" in page
    assert gate_notices(e, get_family("filings"), "", today) == []  # 备案 itself goes on
    earlier = f"{start.year - 1}12"  # exports before the waiver keep their refund
    assert gate_notices(e, get_family("mdt"), earlier, today) == []

    # 恢复适用 inside the 36 months: the bureau refuses, naming the first allowed day
    make_resumption(e, waived_on=start, resume_from=date(today.year + 1, 1, 1))
    declare(clerk, "A0409005")
    early = feedback(clerk)
    assert early is not None and early.status == BatchStatus.RETURNED
    assert "36个月内不得恢复适用" in early.bureau_reasons
    # after them: approved; the waiver ends on the 恢复起始日期
    later = date(today.year + 3, 12, 31)
    make_resumption(e, waived_on=start, resume_from=later)
    declare(clerk, "A0409005")
    assert feedback(clerk).status == BatchStatus.PASSED  # type: ignore[union-attr]
    assert Standing.objects.get(enterprise=e, business_code="A0409004").ended_on == later


def test_a_withdrawal_is_refused_while_a_declaration_is_under_review(clerk: Any) -> None:
    e = clerk.enterprise
    bureau = sim("Enterprise").get(customs_code=e.customs_code)
    sim("Submission").create(
        enterprise=bureau, receipt_no=f"{e.customs_code}202611900", filename="x.xml",
        business_code="A0305001", period="202611", card_no=CARD_NO, digest="0" * 64,
        status="审核中", submitted_at=timezone.now(), declared_at=timezone.now(),
    )  # fmt: skip
    make_withdrawal(e)
    declare(clerk, "A0103001")
    batch = feedback(clerk)
    assert batch is not None and batch.status == BatchStatus.RETURNED
    assert "尚在审核中，须审核完毕后方可撤回备案" in batch.bureau_reasons
    assert not Standing.objects.filter(enterprise=e).exists()

    sim("Submission").filter(receipt_no=f"{e.customs_code}202611900").update(status="审核通过")
    RefundFirstQualification.objects.create(enterprise=e, approved_on=date(2026, 1, 5))
    make_withdrawal(e, reason="01")
    declare(clerk, "A0103001")
    assert feedback(clerk).status == BatchStatus.PASSED  # type: ignore[union-attr]
    with pytest.raises(
        ValidationError, match="撤回出口退（免）税备案（注销税务登记），不能生成申报数据"
    ):
        generate_mdt(clerk)
    assert refund_first_unavailable(e) == NO_REFUND_FIRST  # the qualification went with it


def test_an_agency_hands_the_refunds_to_the_agent_until_withdrawn(clerk: Any) -> None:
    e = clerk.enterprise
    sim("Enterprise").create(customs_code="4403960W01", uscc="91441900791176562Y",
                             name="示范外综服有限公司")  # fmt: skip
    make_agency(e)
    declare(clerk, "A0109001")
    assert feedback(clerk).status == BatchStatus.PASSED  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="委托示范外综服有限公司代办退税"):
        generate_mdt(clerk)
    make_agency_withdrawal(e)
    declare(clerk, "A0109002")
    assert feedback(clerk).status == BatchStatus.PASSED  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as other:
        generate_mdt(clerk)
    assert "代办退税" not in " ".join(other.value.messages)  # refused for mdt's own reasons only


def test_a_group_member_unknown_to_the_bureau_is_refused(clerk: Any) -> None:
    make_group_member(clerk.enterprise)
    declare(clerk, "A0105001")
    batch = feedback(clerk)
    assert batch is not None and batch.status == BatchStatus.RETURNED
    assert "成员企业示范成员企业（4403960M01）未在税务机关办理" in batch.bureau_reasons


def test_a_change_to_the_exempt_refund_method_stops_exempt_credit_refund(clerk: Any) -> None:
    from .factories import make_change

    e = clerk.enterprise
    make_change(e, refund_method="2", enterprise_type="01", zero_rate_flag="N")
    declare(clerk, "A0102001")
    assert feedback(clerk).status == BatchStatus.PASSED  # type: ignore[union-attr]
    e.refresh_from_db()
    assert e.refund_method == "2"
    with pytest.raises(ValidationError, match="计算方法为免退税，不能申报生产企业免抵退税"):
        generate_mdt(clerk)
