"""The 报关单采集 screen: layout, labels, dialogs, fragments and access rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.core.models import Job
from rebate.customs.models import Declaration
from rebate.goods.models import ExportLine

from .factories import make_declaration

pytestmark = pytest.mark.django_db
BUTTONS = ("信息下载", "数据检查", "生成退税", "出口发票导入", "出口发票修改")


@pytest.fixture
def client_in(client, user):
    client.force_login(user)
    return client


def test_screen_has_the_manual_layout(client_in, enterprise) -> None:
    make_declaration(enterprise)
    html = client_in.get(reverse("customs:declarations")).content.decode()
    for label in (*BUTTONS, "报关单信息", "商品信息", "出口明细", "出口年月", "报关单号",
                  "出口发票号", "生成状态", "未生成"):  # fmt: skip
        assert label in html, label


def test_filters(client_in, enterprise) -> None:
    march = make_declaration(enterprise)
    from datetime import date

    april = make_declaration(enterprise, ie_date=date(2026, 4, 2))
    url = reverse("customs:declarations")
    html = client_in.get(url, {"export_month": "202604"}).content.decode()
    assert april.entry_id in html and march.entry_id not in html
    html = client_in.get(url, {"entry_id": march.entry_id[-6:]}).content.decode()
    assert march.entry_id in html and april.entry_id not in html
    Declaration.objects.filter(pk=march.pk).update(invoice_no="FP-77", generation_status="1")
    assert april.entry_id not in client_in.get(url, {"invoice_no": "FP-7"}).content.decode()
    html = client_in.get(url, {"generation_status": "1"}).content.decode()
    assert march.entry_id in html and april.entry_id not in html


def test_list_counts_exactly_only_up_to_the_limit(client_in, enterprise, monkeypatch) -> None:
    """Past EXACT_LIMIT rows the pager stops counting (a COUNT(*) of 100,000 declarations was
    a seq scan on every view): 「约 N 条」 (PostgreSQL's estimate) or 「超过 N 条」 (SQLite)."""
    from django.db import connection

    for _ in range(3):
        make_declaration(enterprise)
    url = reverse("customs:declarations")
    assert "共 3 条，第 1 / 1 页" in client_in.get(url).content.decode()
    monkeypatch.setattr("rebate.core.paging.EXACT_LIMIT", 2)
    html = client_in.get(url).content.decode()
    assert "共 3 条" not in html
    assert ("约 " if connection.vendor == "postgresql" else "超过 2 条，第 1 页") in html


def test_list_query_count_is_bounded(client_in, enterprise, django_assert_max_num_queries) -> None:
    for _ in range(30):
        make_declaration(enterprise)
    with django_assert_max_num_queries(8):
        client_in.get(reverse("customs:declarations"))


def test_items_fragment_and_item_detail(client_in, enterprise) -> None:
    d = make_declaration(enterprise)
    html = client_in.get(reverse("customs:items", args=[d.pk])).content.decode()
    assert "微电机" in html and "针织衫" in html and 'id="lines-pane"' in html
    item = d.items.get(g_no=1)
    html = client_in.get(reverse("customs:item_detail", args=[item.pk])).content.decode()
    assert "商品信息明细" in html and "法定第一数量" in html and item.item_key in html


def test_download_dialog_starts_a_job(client_in, enterprise, monkeypatch) -> None:
    assert "出口日期起" in client_in.get(reverse("customs:download")).content.decode()
    response = client_in.post(
        reverse("customs:download"),
        {"mode": "range", "date_from": "2026-03-01", "date_to": "2026-03-31"},
    )
    assert "job-progress" in response.content.decode()
    assert Job.objects.get().params["date_from"] == "2026-03-01"


def test_download_dialog_errors_stay_in_the_dialog(client_in) -> None:
    response = client_in.post(reverse("customs:download"), {"mode": "entry", "entry_id": ""})
    assert response.status_code == 200 and "报关单号为必填项" in response.content.decode()
    assert not Job.objects.exists()


def test_check_then_generate_through_the_screen(client_in, reference, enterprise) -> None:
    d = make_declaration(enterprise)
    html = client_in.post(reverse("customs:check"), {"pk": [d.pk]}).content.decode()
    assert "通过1张" in html
    dialog = client_in.get(reverse("customs:generate"), {"pk": [d.pk]}).content.decode()
    assert "所属期" in dialog and "fld-required" in dialog and "出口合同号" in dialog
    html = client_in.post(
        reverse("customs:generate"), {"pk": [d.pk], "period": "202603", "invoice_no": "FP-1"}
    ).content.decode()
    assert "生成退税成功" in html and ExportLine.objects.count() == 2
    again = client_in.post(
        reverse("customs:generate"), {"pk": [d.pk], "period": "202603", "invoice_no": "FP-1"}
    ).content.decode()
    assert "不能重复生成" in again
    lines = client_in.get(reverse("customs:items", args=[d.pk])).content.decode()
    assert f"{d.entry_id}001" in lines


def test_generate_with_one_unchecked_generates_the_rest_and_lists_it(
    client_in, reference, enterprise
) -> None:
    good, unchecked = make_declaration(enterprise), make_declaration(enterprise)
    client_in.post(reverse("customs:check"), {"pk": [good.pk]})
    html = client_in.post(
        reverse("customs:generate"),
        {"pk": [good.pk, unchecked.pk], "period": "202603", "invoice_no": "FP-1"},
    ).content.decode()
    assert "生成退税成功：1张报关单，生成出口明细2条；1张报关单未生成" in html
    assert f"报关单{unchecked.entry_id}尚未进行数据检查，请先进行数据检查" in html
    assert 'class="alert alert-danger py-2 result-errors"' in html
    assert ExportLine.objects.filter(item_key__startswith=good.entry_id).count() == 2
    assert not ExportLine.objects.filter(item_key__startswith=unchecked.entry_id).exists()


def test_check_offers_the_fixes(client_in, reference, enterprise) -> None:
    from datetime import date

    d = make_declaration(enterprise, ie_date=date(2026, 3, 20))
    html = client_in.post(reverse("customs:check"), {"pk": [d.pk]}).content.decode()
    assert "缺少USD在2026-03-20的汇率" in html and "配置汇率" in html
    html = client_in.post(
        reverse("customs:fix_rate"),
        {"pk": [d.pk], "currency": "USD", "on_date": "2026-03-20", "rate": "7.1"},
    ).content.decode()
    assert "通过1张" in html


def test_invoice_edit_and_template(client_in, enterprise) -> None:
    d = make_declaration(enterprise)
    html = client_in.post(
        reverse("customs:invoice_edit"), {"pk": [d.pk], "invoice_no": "FP-9"}
    ).content.decode()
    assert "修改成功" in html
    response = client_in.get(reverse("customs:invoice_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_viewer_cannot_write(client, enterprise) -> None:
    viewer = make_user(enterprise, role="viewer")
    client.force_login(viewer)
    assert client.get(reverse("customs:declarations")).status_code == 200
    assert client.post(reverse("customs:check"), {"pk": ["1"]}).status_code == 403


def test_unbound_card_has_no_access(client) -> None:
    client.force_login(make_user(with_card=False))
    assert client.get(reverse("customs:declarations")).status_code == 403
