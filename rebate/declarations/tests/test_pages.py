"""The pages: buttons in the manual's order, the tabs, the 19-row table, jobs, the menu names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from rebate.accounts.tests.cards import held
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import ConsistencyRun, DeclarationBatch

from .conftest import CLEAN_PERIOD, PERIOD, october
from .factories import make_batch, make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client: Client, clerk):
    client.force_login(clerk)
    return client


def test_generate_page_buttons_and_tabs(signed_in, lines):
    lines()
    html = signed_in.get(reverse("mdt:generate")).content.decode()
    labels = ["数据一致性检查", "生成汇总数据", "生成申报数据", "数据自检", "自检状态查询"]
    positions = [html.index(f">{label}</button>") for label in labels]
    assert positions == sorted(positions)
    assert "申报数据上传" in html and "疑点反馈" in html and PERIOD in html


def test_a_blocked_batch_leads_to_its_revoke_page(signed_in, clerk):
    """有不可跳过疑点 is not a dead end: the row's action is where the batch is withdrawn."""
    make_batch(clerk.enterprise, period=PERIOD, status=BatchStatus.BLOCKED)
    html = signed_in.get(reverse("mdt:generate") + f"?period={PERIOD}").content.decode()
    assert f'href="{reverse("mdt:revoke")}" title="有不可跳过疑点' in html


def test_the_chain_through_the_pages(
    signed_in, clerk, lines, rates, bureau, django_capture_on_commit_callbacks
):
    bureau.vat_returns[CLEAN_PERIOD] = Decimal("100000.00")  # filed first (Art. 15)
    lines(october(1), october(2, day=6, fob_usd=Decimal("80000.00"), fob_cny=Decimal("580000.00")))
    with django_capture_on_commit_callbacks(execute=True):
        r = signed_in.post(reverse("mdt:check"), {"period": CLEAN_PERIOD})
    assert r.status_code == 302 and ConsistencyRun.objects.get().blocking_count == 0
    r = signed_in.post(
        reverse("mdt:summary"),
        {"period": CLEAN_PERIOD, "vat_transfer_out": "60000.00", "ending_credit": "100000.00"},
    )
    html = signed_in.get(reverse("mdt:generate") + f"?period={CLEAN_PERIOD}").content.decode()
    assert html.count('<tr data-row="') == 19 and "免抵退税额合计" in html
    card = held(clerk.card.card_no)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(reverse("mdt:package"), {"period": CLEAN_PERIOD, **card.proof(signed_in)})
    batch = DeclarationBatch.objects.get()
    assert batch.summary.lines.get(row=18).current == Decimal("100000.00")
    html = signed_in.get(reverse("mdt:generate") + f"?period={CLEAN_PERIOD}").content.decode()
    assert batch.number in html and "待签名" in html
    assert f'data-card-digest="{batch.package_digest}"' in html  # the browser signs this
    signed = card.sign_package(batch.package_digest)
    fields = {"card_no": signed.card_no, "card_text": signed.text}
    r = signed_in.post(
        reverse("declarations:sign", args=[batch.pk]),
        {**fields, "card_signature": signed.signature},
        follow=True,
    )
    assert f"申报数据{batch.number}已使用IC卡 {card.card_no} 签名" in r.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GENERATED and "sign-panel" not in r.content.decode()


def test_required_inputs_are_yellow_and_errors_chinese(signed_in):
    html = signed_in.get(reverse("mdt:generate")).content.decode()
    assert 'name="ending_credit"' in html and "fld-required" in html
    r = signed_in.post(reverse("mdt:summary"), {"period": "2025"}, follow=True)
    text = r.content.decode()
    assert "所属期格式应为YYYYMM" in text or "期末留底税额为必填项" in text


@pytest.mark.parametrize(
    "name", ["generate", "print", "revoke", "feedback_upload", "feedback_download", "query"]
)
def test_menu_pages_open(signed_in, name):
    assert signed_in.get(reverse(f"mdt:{name}")).status_code == 200


@pytest.mark.parametrize(
    "target",
    ["//evil.example/phish", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"],
)
def test_revoke_never_redirects_off_site(signed_in, clerk, target):
    batch = make_batch(clerk.enterprise, status=BatchStatus.DECLARED)
    url = reverse("declarations:revoke_batch", args=[batch.pk])
    response = signed_in.post(url, {"next": target})
    assert response.status_code == 302
    assert response.url == reverse("mdt:revoke")


def test_revoke_returns_to_the_page_it_came_from(signed_in, clerk):
    batch = make_batch(clerk.enterprise, status=BatchStatus.DECLARED)
    back = reverse("mdt:query") + "?period=202501"
    response = signed_in.post(reverse("declarations:revoke_batch", args=[batch.pk]), {"next": back})
    assert response.status_code == 302 and response.url == back


def test_review_dates_are_yyyy_mm_dd(signed_in, clerk):
    """Issue 14 point 10: 审核日期 in the list and the detail as 2026-09-22 (was 2026年9月22日)."""
    review = make_review(clerk.enterprise)
    review.reviewed_on = date(2026, 9, 22)
    review.save(update_fields=["reviewed_on"])
    listed = signed_in.get(reverse("mdt:feedback_download")).content.decode()
    detail = signed_in.get(reverse("declarations:review_detail", args=[review.pk]))
    for html in (listed, detail.content.decode()):
        assert "2026-09-22" in html and "2026年9月22日" not in html
