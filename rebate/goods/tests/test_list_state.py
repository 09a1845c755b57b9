"""出口货物明细采集's list (issue 14 point 7): a 监管方式 filter, and 批量修改 brings the list back
with the query, sort and page the clerk left it with."""

from __future__ import annotations

import re

import pytest
from django.http import QueryDict

from rebate.core.records import list_state
from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line

pytestmark = pytest.mark.django_db
LIST = "/ckts/goods/exportline/"


def shown_pks(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<tr[^>]* data-pk="(\d+)"', html)}


def test_the_list_filters_by_trade_mode(clerk_client, enterprise) -> None:
    general = make_export_line(enterprise, trade_mode="0110")
    processing = [make_export_line(enterprise, trade_mode=mode) for mode in ("0615", "0654")]
    html = clerk_client.get(LIST).content.decode()
    assert 'name="trade_mode"' in html and ">监管方式</label>" in html
    assert shown_pks(clerk_client.get(LIST, {"trade_mode": "0615"}).content.decode()) == {
        processing[0].pk
    }
    by_prefix = shown_pks(clerk_client.get(LIST, {"trade_mode": "06"}).content.decode())
    assert by_prefix == {line.pk for line in processing} and general.pk not in by_prefix


def test_list_state_keeps_query_sort_and_page_only() -> None:
    params = QueryDict("trade_mode=0615&sort=-fob_usd&page=2&pk=7&pk=8&all=1&cols=x&cols_set=1")
    assert list_state(params) == "trade_mode=0615&sort=-fob_usd&page=2"


def test_the_selection_carries_the_list_state(clerk_client, enterprise) -> None:
    make_export_line(enterprise, trade_mode="0615")
    html = clerk_client.get(LIST, {"trade_mode": "0615", "sort": "-fob_usd"}).content.decode()
    assert '<input type="hidden" name="back" value="trade_mode=0615&amp;sort=-fob_usd">' in html


def test_bulk_edit_returns_to_the_list_as_it_was(clerk_client, enterprise) -> None:
    lines = [make_export_line(enterprise, trade_mode="0615") for _ in range(2)]
    back = "trade_mode=0615&sort=-fob_usd&page=1"
    url = f"{LIST}bulk-edit/?back={back.replace('&', '%26')}&pk={lines[0].pk}&pk={lines[1].pk}"
    page = clerk_client.get(url).content.decode()
    assert f'href="{LIST}?trade_mode=0615&amp;sort=-fob_usd&amp;page=1" id="btn-back"' in page
    response = clerk_client.post(url, {"pk": [line.pk for line in lines], "note": "已核对"})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?{back}"
    assert {line.note for line in ExportLine.objects.all()} == {"已核对"}


def test_back_only_ever_leads_to_the_list(clerk_client, enterprise) -> None:
    line = make_export_line(enterprise)
    response = clerk_client.post(
        f"{LIST}bulk-edit/?back=//evil.example/%3Fx", {"pk": [line.pk], "note": "x"}
    )
    assert response["Location"].startswith(f"{LIST}?")
    response = clerk_client.post(f"{LIST}bulk-edit/", {"pk": [line.pk], "note": "y"})
    assert response["Location"] == LIST


STATE = "trade_mode=0615&sort=-fob_usd&page=1"
BACK = "?back=trade_mode%3D0615%26sort%3D-fob_usd%26page%3D1"


def test_the_list_sends_its_state_onwards(clerk_client, enterprise) -> None:
    make_export_line(enterprise, trade_mode="0615")
    html = clerk_client.get(f"{LIST}?{STATE}").content.decode()
    assert f'href="{LIST}add/{BACK}" id="btn-add"' in html
    assert f'href="{LIST}import/{BACK}" id="btn-import"' in html


def test_detail_edit_and_delete_lead_back_to_the_list_as_it_was(clerk_client, enterprise) -> None:
    line = make_export_line(enterprise, trade_mode="0615")
    detail = clerk_client.get(f"{LIST}{line.pk}/{BACK}").content.decode()
    state = STATE.replace("&", "&amp;")
    assert f'href="{LIST}?{state}" id="btn-back"' in detail
    assert f'href="{LIST}{line.pk}/edit/{BACK}" id="btn-edit"' in detail
    assert f'href="{LIST}{line.pk}/delete/{BACK}" id="btn-delete"' in detail
    edit = clerk_client.get(f"{LIST}{line.pk}/edit/{BACK}")
    data = {k: v for k, v in edit.context["form"].initial.items() if v is not None}
    saved = clerk_client.post(f"{LIST}{line.pk}/edit/{BACK}", {**data, "note": "改"})
    assert saved.status_code == 302 and saved["Location"] == f"{LIST}{line.pk}/{BACK}"
    deleted = clerk_client.post(f"{LIST}{line.pk}/delete/{BACK}")
    assert deleted["Location"] == f"{LIST}?{STATE}"
    assert not ExportLine.objects.exists()
