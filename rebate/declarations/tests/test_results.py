"""Every 数据一致性检查 problem and every 疑点 reaches the page (issue 14 point 3): paged, with the
total and the counts per code and level; each count lists only its rows."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from rebate.core.paging import RESULTS_PER_PAGE, result_list, tally
from rebate.declarations.models import ConsistencyIssue, ConsistencyRun, Doubt

from .conftest import PERIOD
from .factories import make_batch

pytestmark = pytest.mark.django_db

# 1,400 problems over three codes and two levels, as a 716-line check gives.
MIX = (("LOCAL_RATE_MISMATCH", "E", 700), ("LOCAL_NO_CUSTOMS_INFO", "E", 450), ("W_FOB", "I", 250))


def run_with_issues(enterprise: Any) -> ConsistencyRun:
    run = ConsistencyRun.objects.create(
        enterprise=enterprise, family="mdt", period=PERIOD, line_count=716, issue_count=1400
    )
    ConsistencyIssue.objects.bulk_create(
        ConsistencyIssue(
            enterprise=enterprise, run=run, code=code, level=level, skippable=level == "I",
            message=f"问题{n}", table="TSSB", line_no=f"{n:04d}",
        )
        for code, level, count in MIX
        for n in range(count)
    )  # fmt: skip
    return run


def batch_with_doubts(enterprise: Any, count: int, **fields: Any) -> Any:
    batch = make_batch(enterprise, **{"period": PERIOD, **fields})
    Doubt.objects.bulk_create(
        Doubt(
            enterprise=enterprise, batch=batch, code="MDT_CKHW_BGD_WDZXX" if n % 3 else "D_WARN",
            level="E" if n % 3 else "I", skippable=not n % 3, message="无海关电子信息",
            table="TSSB", line_no=f"{n:04d}",
        )
        for n in range(count)
    )  # fmt: skip
    return batch


def test_tally_counts_rows_per_value_in_value_order(clerk) -> None:
    run = run_with_issues(clerk.enterprise)
    assert tally(run.issues.all(), "code") == [
        ("LOCAL_NO_CUSTOMS_INFO", 450), ("LOCAL_RATE_MISMATCH", 700), ("W_FOB", 250)
    ]  # fmt: skip
    assert tally(run.issues.all(), "level") == [("E", 1150), ("I", 250)]


def test_result_list_pages_through_every_row(clerk) -> None:
    run = run_with_issues(clerk.enterprise)
    params = QueryDict("period=202503&ipage=14")
    results = result_list(run.issues.all(), params, "i", level_labels={"E": "错误"})
    assert (results.total, results.shown, results.filtered) == (1400, 1400, False)
    assert results.page.paginator.num_pages == 14 and len(results.page) == RESULTS_PER_PAGE
    assert results.next_href == ""
    assert results.previous_href == "?period=202503&ipage=13"  # the 所属期 is kept
    assert [(t.label, t.count) for t in results.by_level] == [("错误", 1150), ("I", 250)]
    seen = {
        row.pk
        for n in range(1, 15)
        for row in result_list(run.issues.all(), QueryDict(f"ipage={n}"), "i").page
    }
    assert len(seen) == 1400


def test_a_count_lists_only_its_code_and_keeps_the_other_list_state(clerk) -> None:
    run = run_with_issues(clerk.enterprise)
    params = QueryDict("period=202503&dpage=2&icode=W_FOB&ipage=2")
    results = result_list(run.issues.all(), params, "i", anchor="#x")
    assert (results.total, results.shown, results.filtered) == (1400, 250, True)
    assert {row.code for row in results.page} == {"W_FOB"}
    assert [t.value for t in results.by_code if t.active] == ["W_FOB"]
    fob = next(t for t in results.by_level if t.value == "E")
    assert fob.href == "?period=202503&dpage=2&icode=W_FOB&ilevel=E#x"  # the page restarts
    assert results.all_href == "?period=202503&dpage=2#x"


def test_unknown_code_or_page_shows_everything_from_the_right_end(clerk) -> None:
    run = run_with_issues(clerk.enterprise)
    results = result_list(run.issues.all(), QueryDict("icode=NOPE&ipage=999"), "i")
    assert (results.filtered, results.shown, results.page.number) == (False, 1400, 14)
    assert result_list(run.issues.all(), QueryDict("ipage=x"), "i").page.number == 1


@pytest.fixture
def signed_in(client: Client, clerk: Any) -> Client:
    client.force_login(clerk)
    return client


def page_html(client: Client, query: str = "") -> str:
    url = reverse("mdt:generate") + f"?period={PERIOD}{query}"
    return str(client.get(url).content.decode())


def issue_rows(html: str) -> int:
    table = html.split('id="consistency-issues"')[1].split("</table>")[0]
    return len(re.findall(r"<tr data-code=", table))


def test_the_page_shows_the_total_counts_and_every_page_of_problems(signed_in, clerk) -> None:
    run_with_issues(clerk.enterprise)
    html = page_html(signed_in)
    counts = html.split('id="consistency-counts"')[1].split("</div>")[0]
    assert "共 1400 条" in counts
    assert re.search(r'data-code="LOCAL_RATE_MISMATCH">LOCAL_RATE_MISMATCH <b>700</b>', counts)
    assert re.search(r'data-level="E">错误 <b>1150</b>', counts)
    assert issue_rows(html) == RESULTS_PER_PAGE and "第 1 / 14 页" in html
    last = page_html(signed_in, "&ipage=14")
    assert issue_rows(last) == 100 and 'class="page-link pager-next"' not in last
    only = page_html(signed_in, "&icode=W_FOB&ipage=3")
    assert issue_rows(only) == 50 and "当前显示 250 条" in only


def test_the_doubts_tab_counts_every_doubt(signed_in, clerk) -> None:
    batch_with_doubts(clerk.enterprise, 1234)
    html = page_html(signed_in)
    assert '<span class="badge text-bg-secondary" id="doubts-total">1234</span>' in html
    counts = html.split('id="doubts-counts"')[1].split("</div>")[0]
    assert "共 1234 条" in counts and 'data-code="D_WARN">D_WARN <b>412</b>' in counts
    assert "第 1 / 13 页" in html and 'href="?period=202503&amp;dpage=2#show-doubts"' in html
    last = page_html(signed_in, "&dpage=13")
    table = last.split('id="doubts"')[1].split("</table>")[0]
    assert table.count("<tr data-code=") == 34
