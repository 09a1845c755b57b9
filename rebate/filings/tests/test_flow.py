"""备案申报 through the engine and the real simulators: a 变更 sends only what changed and, once
approved, is the 备案 in force in 企业信息查询; the bureau refuses a second 备案."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from rebate.configuration.models import EnterpriseFiling, FilingHistory
from rebate.declarations import storage
from rebate.declarations.choices import BatchStatus
from rebate.integrations.wire.package import read_package

from ..content import NO_CHANGE
from ..models import RegistrationChange
from .conftest import declare, feedback
from .factories import make_registration, registration_values

pytestmark = pytest.mark.django_db


def test_every_menu_page_of_the_family_opens(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    names = ["registration_list", "withdrawal_list", "refundfirst_list", "groupmember_list",
             "waiver_list", "reminder_list", "resumption_list", "agency_list",
             "agencywithdrawal_list", "print", "generate", "feedback_upload", "query",
             "registration_add", "registrationchange_add"]  # fmt: skip
    for name in names:
        r = client.get(reverse(f"filings:{name}"))
        assert r.status_code == 200, name
        assert "功能暂未开放" not in r.content.decode()


def test_the_registration_form_is_prefilled_from_the_enterprise(client: Client, clerk: Any):
    client.force_login(clerk)
    html = client.get(reverse("filings:registration_add")).content.decode()
    e = clerk.enterprise
    assert f'value="{e.uscc}"' in html and f'value="{e.customs_code}"' in html
    assert f'value="{e.name}"' in html


def test_a_change_sends_only_what_changed_and_updates_the_enterprise_information(
    client: Client, clerk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(clerk)
    e = clerk.enterprise
    add = reverse("filings:registrationchange_add")
    values = registration_values(e, refund_method="1", enterprise_type="01", zero_rate_flag="N",
                                 filled_on="2026-12-01")  # fmt: skip
    html = client.get(add).content.decode()
    assert "变更前：" in html
    r = client.post(add, values)
    assert r.status_code == 302, r.content.decode()
    change = RegistrationChange.objects.get()
    changed = {c[0]: (c[2], c[3]) for c in change.changes}
    assert changed["bank_account"] == ("", "6222020000001234")
    assert "uscc" not in changed and "name" not in changed

    # the printed 变更表 shows 变更前 and 变更后 side by side
    sheet = client.get(
        reverse("declarations:print_record", args=[change.pk])
        + "?family=filings&form=registrationchange"
    ).content.decode()
    assert "出口退（免）税备案变更表" in sheet and "变更前内容" in sheet
    assert "6222020000001234" in sheet

    batch = declare(clerk, "A0102001")
    assert batch.status == BatchStatus.UPLOADED
    assert batch.package_name == f"{e.customs_code}_XH01_rdbg.xml"
    with storage.open_package(batch.package_path) as package:
        content = read_package(package)
    assert content.line_count == len(change.changes)  # one row per changed item only
    batch = feedback(clerk)
    assert batch is not None and batch.status == BatchStatus.PASSED, batch.bureau_reasons
    filing = EnterpriseFiling.objects.get(enterprise=e)
    assert {d[0]: d[2] for d in filing.details}["bank_account"] == "6222020000001234"
    history = FilingHistory.objects.get(enterprise=e, business_code="A0102001")
    assert "退税开户银行账号" in history.summary
    page = client.get(reverse("configuration:enterprise_info")).content.decode()
    assert "6222020000001234" in page and "出口退（免）税备案变更" in page

    # the same values again change nothing: refused at the form, nothing written
    r = client.post(add, values)
    assert r.status_code == 400 and NO_CHANGE in r.content.decode()
    assert RegistrationChange.objects.count() == 1
    sim = apps.get_model("sim_taxbureau", "Filing").objects
    assert sim.filter(enterprise__customs_code=e.customs_code, business_code="A0102001").exists()


def test_the_bureau_refuses_a_second_registration_with_its_reason(clerk: Any) -> None:
    make_registration(clerk.enterprise)
    declare(clerk, "A0101001")
    batch = feedback(clerk)
    assert batch is not None and batch.status == BatchStatus.RETURNED
    assert "企业已于" in batch.bureau_reasons and "请办理备案变更" in batch.bureau_reasons


def test_an_unsigned_filing_is_offered_for_the_cards_signature(client: Client, clerk: Any):
    """Without a 所属期 the 生成申报数据 page still shows the batch 待签名 (the card signs it)."""
    from rebate.declarations import services

    from .conftest import CARD_NO

    make_registration(clerk.enterprise)
    batch = services.batch_generate(enterprise=clerk.enterprise, actor=clerk, family="filings",
                                    period="", card_no=CARD_NO, business="A0101001")  # fmt: skip
    client.force_login(clerk)
    html = client.get(reverse("filings:generate")).content.decode()
    assert 'id="sign-panel"' in html and batch.package_digest in html
