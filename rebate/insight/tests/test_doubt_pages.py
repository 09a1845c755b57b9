"""疑点说明 pages: one per code, linked from every 疑点 row, the offending line one click away."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.calc.mdt.names import detail_form_name
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import ConsistencyIssue, ConsistencyRun, Doubt
from rebate.declarations.tests.factories import make_batch
from rebate.goods.tests.factories import make_export_line

pytestmark = pytest.mark.django_db

CODE = "MDT_CKHW_BGD_USDLAJ_CY"


def _doubt(enterprise, code=CODE, **kw):
    line = make_export_line(enterprise)
    batch = make_batch(enterprise, status=BatchStatus.CHECKED)
    values = {
        "code": code,
        "level": "E",
        "skippable": False,
        "message": "申报美元离岸价1000.00与海关电子信息900.00差额超过1美元且超过5%",
        "table": "TSSB",
        "line_no": line.sequence_no,
        "item_key": line.item_key,
        "record_id": line.pk,
    }
    values.update(kw)
    return Doubt.objects.create(enterprise=enterprise, batch=batch, **values), line


def test_index_lists_every_code_with_its_level(clerk_client):
    page = clerk_client.get(reverse("insight:doubt_index")).content.decode()
    assert 'data-code="MDT_JLJG_BDG_NOFPLV"' in page and 'data-code="LOCAL_DEADLINE"' in page
    assert reverse("insight:doubt", args=[CODE]) in page


def test_a_code_page_says_meaning_fields_fix_and_skippable(clerk_client):
    page = clerk_client.get(reverse("insight:doubt", args=[CODE])).content.decode()
    assert "相差超过1美元且超过海关离岸价的5%" in page
    assert "出口销售额（美元）" in page  # the field it concerns
    assert "不可跳过" in page and "离岸价差异原因说明表" in page
    warning = clerk_client.get(reverse("insight:doubt", args=["MDT_CKHW_BGD_LSSBJL"]))
    assert "可跳过：可以不改正而继续申报" in warning.content.decode()


def test_the_bureaus_form_name_check_is_explained(clerk_client):
    index = clerk_client.get(reverse("insight:doubt_index")).content.decode()
    assert 'data-code="BBMC_BYZ"' in index and "申报数据包：税务机关自检" in index
    page = clerk_client.get(reverse("insight:doubt", args=["BBMC_BYZ"])).content.decode()
    assert "申报表名称与所属期不符" in page and "不可跳过" in page
    assert "《生产企业出口货物及修理修配服务免抵退税申报明细表》" in page


def test_unknown_code_is_404(clerk_client):
    assert clerk_client.get(reverse("insight:doubt", args=["NO_SUCH_CODE"])).status_code == 404


def test_from_a_doubt_row_the_line_is_one_click_away(clerk_client, clerk):
    doubt, line = _doubt(clerk.enterprise)
    url = reverse("insight:doubt", args=[CODE]) + f"?doubt={doubt.pk}"
    page = clerk_client.get(url).content.decode()
    assert reverse("goods:exportline_detail", args=[line.pk]) in page
    assert f"申报数据{doubt.batch.number}" in page and doubt.message in page
    # The 明细表 by the name in force for the batch's 所属期 (a dated rule, calc.mdt.names).
    assert f"《{detail_form_name(doubt.batch.period)}》" in page


def test_the_generate_page_links_each_doubt_to_its_explanation(clerk_client, clerk):
    doubt, _ = _doubt(clerk.enterprise)
    page = clerk_client.get(reverse("mdt:generate") + f"?period={doubt.batch.period}")
    href = reverse("insight:doubt", args=[CODE]) + f"?doubt={doubt.pk}"
    assert href in page.content.decode()
    detail = clerk_client.get(reverse("declarations:batch_detail", args=[doubt.batch.pk]))
    assert href in detail.content.decode()


def test_a_consistency_problem_links_to_its_line(clerk_client, clerk):
    line = make_export_line(clerk.enterprise)
    run = ConsistencyRun.objects.create(enterprise=clerk.enterprise, family="mdt", period="202603")
    issue = ConsistencyIssue.objects.create(
        enterprise=clerk.enterprise,
        run=run,
        code="LOCAL_RATE_MISMATCH",
        level="E",
        skippable=False,
        message="退税率0.10与退税率文库0.13不一致",
        table="TSSB",
        line_no=line.sequence_no,
        record_id=line.pk,
    )
    page = clerk_client.get(
        reverse("insight:doubt", args=["LOCAL_RATE_MISMATCH"]) + f"?issue={issue.pk}"
    ).content.decode()
    assert "《生产企业出口货物及修理修配服务免抵退税申报明细表》" in page
    assert "所属期202603" in page and reverse("goods:exportline_detail", args=[line.pk]) in page


def test_a_bureau_code_without_an_explanation_still_shows_its_row(clerk_client, clerk):
    # A code the real bureau may add that no guide knows yet: the row, and where to ask.
    doubt, _ = _doubt(clerk.enterprise, code="QT_XX_NEW", table="QT", record_id=None)
    page = clerk_client.get(reverse("insight:doubt", args=["QT_XX_NEW"]) + f"?doubt={doubt.pk}")
    assert page.status_code == 200
    assert "尚未收录" in page.content.decode() and doubt.message in page.content.decode()


def test_other_families_codes_are_explained_with_their_own_form(clerk_client, clerk):
    doubt, _ = _doubt(
        clerk.enterprise, code="QT_SH_JE", table="CKSH", record_id=None, skippable=True,
        level="W", message="出口收汇金额120.00大于报关单530420250000000001的成交总价100.00",
    )  # fmt: skip
    page = clerk_client.get(reverse("insight:doubt", args=["QT_SH_JE"]) + f"?doubt={doubt.pk}")
    text = page.content.decode()
    assert "《出口货物收汇情况表》" in text and "出口收汇金额" in text and "可跳过" in text
    returned = clerk_client.get(reverse("insight:doubt", args=["DZ_TGBS_TYBGD"])).content.decode()
    assert "《出口货物退运已补税（未退税）证明申请表》" in returned
    assert "退运报关单不存在" in returned and "不可跳过" in returned and "错误" in returned
    index = clerk_client.get(reverse("insight:doubt_index")).content.decode()
    assert "单证申报：税务机关审核" in index and 'data-code="DZ_DLZM_WBA"' in index
    assert 'data-code="QT_PD_ND"' in index


def test_another_enterprises_doubt_is_not_shown(client, clerk):
    doubt, _ = _doubt(clerk.enterprise)
    client.force_login(make_user())
    url = reverse("insight:doubt", args=[CODE])
    assert client.get(f"{url}?doubt={doubt.pk}").status_code == 404
    assert client.get(f"{url}?doubt=x").status_code == 404


def test_a_row_of_another_code_is_refused(clerk_client, clerk):
    doubt, _ = _doubt(clerk.enterprise)
    url = reverse("insight:doubt", args=["MDT_CKHW_BGD_SPDM"]) + f"?doubt={doubt.pk}"
    assert clerk_client.get(url).status_code == 404
