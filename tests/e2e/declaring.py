"""Steps of 生成退税申报数据 shared by the browser tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.apps import apps

from tests.e2e.settled import modal_shown
from tests.integration.test_full_chain import PERIOD


def file_vat_return(customs_code, period, ending_credit=Decimal("0.00")):
    """The period's 增值税纳税申报表 as filed at the simulated bureau: from 2026 免抵退 is declared
    after it (公告2026年第5号 Art. 15), so a test of another rule on 生成申报数据 files it first."""
    bureau = apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=customs_code)
    zero = Decimal("0.00")
    apps.get_model("sim_taxbureau", "VatReturn").objects.update_or_create(
        enterprise=bureau, period=period,
        defaults={
            "filed_on": date.today(), "output_tax": zero, "input_tax": zero,
            "opening_credit": zero, "ending_credit": ending_credit, "tax_payable": zero,
        },
    )  # fmt: skip


def open_generate(page, base, period=PERIOD):
    page.goto(f"{base}/ckts/mdt/generate/?period={period}")


def modal_ok(page, button, dialog, **fields):
    page.click(button)
    modal_submit(page, dialog, **fields)


def modal_submit(page, dialog, **fields):
    """The opened dialog's fields, then 确定; waits for the page it answers with."""
    modal_shown(page, dialog)
    for name, value in fields.items():
        page.fill(f'{dialog} [name="{name}"]', value)
    page.click(f"{dialog}-ok")
    # The form may be sent only after card.js signed: wait for the next page, where the dialog
    # is closed, before the next click (an open dialog's backdrop would take it).
    page.wait_for_selector(f"{dialog}.show", state="detached")
    page.wait_for_load_state("networkidle")


def self_check_and_refresh(page):
    """Both buttons send the upload form after card.js signed: wait for each answer."""
    page.click("#btn-self-check")
    page.locator(".alert-success", has_text="已上传自检").wait_for()
    page.click("#btn-refresh")
    page.locator(".alert-info", has_text="自检状态已刷新").wait_for()


def card_clerk(tmp_path, customs_code, card_no):
    """A clerk of a new enterprise registered at the e-port, its card issued as a key file
    (user.card_file, for the browser to 插卡) and bound."""
    from rebate.accounts.services import card_bind
    from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
    from tests.integration.conftest import issue_card_file

    enterprise = onboard_at_eport(make_enterprise(customs_code=customs_code))
    user = make_user(enterprise, with_card=False)
    user.card_file = issue_card_file(tmp_path / "card.json", customs_code, card_no)
    card_bind(user=user, card_no=card_no, signed=None)
    return user
