"""备案申报 in the browser at 1366×768 (issue 18): the businesses test_filings.py does not walk —
集团公司成员企业备案, 出口退税业务提醒申请, 恢复适用出口退免税, 委托代办退税备案 and its 撤回 —
in one sequence to keep the suite fast. Each: 新建 at the fields → 打印 (its paper, before
generating) → 生成备案申报数据 + IC卡签名 → 远程申报 (上传成功) → 审核结果下载 (审核通过) →
数据查询. The 委托代办 shows on 生成退税申报数据 until its 撤回. Screenshots: test-output/e2e/."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

import pytest
from django.utils import timezone

from rebate.accounts.tests.factories import make_enterprise, onboard_at_eport
from rebate.filings.tests.factories import make_waiver
from tests.e2e.test_filings import clerk, declare, download_feedback, sign_in_with_card

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
__all__ = ["clerk"]  # the fixture, shared with test_filings

MEMBER = ("示范成员企业", "91440300MA5FHK4H1F", "4403960M01")
AGENT = ("示范外综服有限公司", "91441900791176562Y", "4403960W01")


def walk(page, base, shot, n: int, name: str, code: str, label: str, fill: Callable) -> None:
    """One business through the family's step table."""
    page.goto(f"{base}/ckts/ba/{name}/add/")
    fill(page)
    page.fill("#id_filled_on", timezone.localdate().isoformat())
    shot(f"filings-{n}0-{name}-form")
    page.click("#btn-save")
    page.locator(".alert-success", has_text="保存成功").wait_for()

    page.goto(base + "/ckts/ba/print/")
    printed = page.locator(f"#print-records-{name} a").first
    page.goto(base + printed.get_attribute("href"))
    assert label in page.content()
    shot(f"filings-{n}1-{name}-print")

    declare(page, base, code, "上传成功")
    download_feedback(page, base)
    page.goto(base + "/ckts/ba/generate/")
    row = page.locator("#batches tbody tr").first.inner_text()
    assert "审核通过" in row, row
    page.goto(base + "/ckts/ba/query/")
    result = page.locator("#query-table tbody tr", has_text=code).inner_text()
    assert "审核通过" in result, result
    shot(f"filings-{n}2-{name}-query")


def group_member(page, group_uscc: str) -> None:
    page.fill("#id_group_name", "示范集团有限公司")
    page.fill("#id_group_taxpayer_id", group_uscc)
    page.fill("#id_member_name", MEMBER[0])
    page.fill("#id_member_taxpayer_id", MEMBER[1])
    page.fill("#id_member_customs_code", MEMBER[2])
    page.fill("#id_holding_ratio", "60")
    page.fill("#id_handler", "王办税")


def reminder(page) -> None:
    page.fill("#id_phone1", "13800000001")
    page.fill("#id_contact", "王办税")


def resumption(page, waived: date, resume: date) -> None:
    page.select_option("#id_waiver_code", "A0409004")
    page.fill("#id_waived_on", waived.isoformat())
    page.fill("#id_resume_from", resume.isoformat())
    page.fill("#id_handler", "王办税")


def agency(page) -> None:
    page.fill("#id_agent_name", AGENT[0])
    page.fill("#id_agent_customs_code", AGENT[2])
    page.fill("#id_agent_uscc", AGENT[1])
    page.fill("#id_contract_no", "WZF-2026-01")
    page.fill("#id_bank_name", "中国银行深圳分行")
    page.fill("#id_bank_account", "6222020000005555")
    page.fill("#id_legal_representative", "李法人")


def agency_withdrawal(page) -> None:
    page.fill("#id_agent_name", AGENT[0])
    page.fill("#id_agent_uscc", AGENT[1])
    page.fill("#id_contract_no", "WZF-2026-01")
    page.fill("#id_reason", "合同到期")


def test_the_other_businesses_walk_the_step_table(live_server, laptop, shot, clerk) -> None:
    base, page, e = live_server.url, laptop, clerk.enterprise
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    for name, uscc, customs_code in (MEMBER, AGENT):  # taxpayers the bureau knows
        onboard_at_eport(make_enterprise(name=name, uscc=uscc, customs_code=customs_code))
    sign_in_with_card(page, base, clerk)

    walk(
        page,
        base,
        shot,
        4,
        "groupmember",
        "A0105001",
        "集团公司成员企业",
        partial(group_member, group_uscc=e.uscc),
    )
    walk(page, base, shot, 5, "reminder", "A0409001", "出口退税业务提醒", reminder)

    # 恢复适用 needs a 放弃 in force at the bureau: one approved last month
    make_waiver(e, start_on=last_month, reason="转为内销经营")
    declare(page, base, "A0409004", "上传成功")
    download_feedback(page, base)
    walk(
        page,
        base,
        shot,
        6,
        "resumption",
        "A0409005",
        "恢复适用",
        partial(resumption, waived=last_month, resume=date(today.year + 3, 12, 31)),
    )

    walk(page, base, shot, 7, "agency", "A0109001", "委托代办退税", agency)
    page.goto(base + f"/ckts/mdt/generate/?period={last_month:%Y%m}")
    notices = page.locator("[data-gate]").all_inner_texts()  # the 放弃 too, resumed in 3 years
    assert any(f"委托{AGENT[0]}代办退税" in n for n in notices), notices
    shot("filings-73-mdt-gated-by-agency")
    walk(
        page,
        base,
        shot,
        8,
        "agencywithdrawal",
        "A0109002",
        "委托代办退税备案撤回",
        agency_withdrawal,
    )
    page.goto(base + f"/ckts/mdt/generate/?period={last_month:%Y%m}")
    assert not any("代办退税" in n for n in page.locator("[data-gate]").all_inner_texts())
    shot("filings-83-mdt-after-withdrawal")
