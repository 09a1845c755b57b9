"""The tabbed 展示区 at 1366×768 (issue 14 points 5, 6, 12): many tabs stay inside the screen and
scroll, tabs can be dragged (UI-07), and every page shows in its own function's tab."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rebate.accounts.tests.factories import make_user
from rebate.declarations.models import ConsistencyIssue, ConsistencyRun
from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line
from tests.e2e.test_goods import sign_in
from tests.e2e.test_shell import open_function

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GOODS = ("退税申报", "货物采集")
FOURTEEN = [
    (*GOODS, "出口货物明细采集"), (*GOODS, "货物冲减"), (*GOODS, "货物资料采集", "商品码失效调整"),
    (*GOODS, "货物资料采集", "美元离岸价差异"), (*GOODS, "货物资料采集", "先退税后核销"),
    (*GOODS, "收汇情况采集", "收汇证明"), (*GOODS, "收汇情况采集", "不能收汇证明"),
    (*GOODS, "视同自产货物清单"), ("退税申报", "数据申报", "生成退税申报数据"),
    ("退税申报", "数据申报", "打印退税申报报表"), ("退税申报", "数据申报", "撤销申报数据"),
    ("退税申报", "反馈处理", "反馈读入"), ("退税申报", "反馈处理", "退税审核结果下载"),
    ("退税申报", "数据查询"),
]  # fmt: skip


def labels(page) -> list[str]:
    return [t.strip() for t in page.locator("#tabs li .tab-label").all_inner_texts()]


def active_frame(page):
    return page.locator(".pane:not([hidden]) iframe").element_handle().content_frame()


def frame_of(page, key: str):
    return page.locator(f'.pane[data-key="{key}"] iframe').element_handle().content_frame()


def box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_many_tabs_stay_inside_the_screen_and_scroll(live_server, laptop, shot) -> None:
    page = laptop
    sign_in(page, live_server, make_user(password="pw-Test-2026"))
    for path in FOURTEEN:
        open_function(page, *path)
    assert len(labels(page)) == 14
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366, f"the page is {width}px wide"
    assert box(page, "#tabs-menu")["x"] + box(page, "#tabs-menu")["width"] <= 1366
    viewport = box(page, ".tabs-viewport")
    right_edge = viewport["x"] + viewport["width"]
    last = box(page, "#tabs li.active")  # the tab just opened is scrolled into view
    assert last["x"] >= viewport["x"] - 0.5 and last["x"] + last["width"] <= right_edge + 0.5
    first = page.locator("#tabs li").first
    assert first.bounding_box()["x"] + first.bounding_box()["width"] <= viewport["x"] + 1
    shot("ui-01-fourteen-tabs")

    for _ in range(20):
        page.click("#tabs-left")
    assert abs(first.bounding_box()["x"] - viewport["x"]) < 1  # scrolled back to the start
    assert box(page, "#tabs li.active")["x"] >= right_edge  # the active tab is now out of view
    shot("ui-02-tabs-scrolled-left")
    page.click("#tabs-right")
    assert first.bounding_box()["x"] < viewport["x"]
    first.click()
    assert page.locator("#tabs li.active .tab-label").inner_text() == "出口货物明细采集"


def test_tabs_can_be_dragged(live_server, laptop, shot) -> None:
    page = laptop
    sign_in(page, live_server, make_user(password="pw-Test-2026"))
    for path in FOURTEEN[:3]:
        open_function(page, *path)
    assert labels(page) == ["出口货物明细采集", "货物冲减", "商品码失效调整"]
    source = page.locator("#tabs li", has_text="商品码失效调整").bounding_box()
    target = page.locator("#tabs li").first.bounding_box()
    page.mouse.move(source["x"] + 20, source["y"] + source["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):
        x = source["x"] + 20 + (target["x"] + 5 - source["x"] - 20) * step / 10
        page.mouse.move(x, target["y"] + target["height"] / 2)
    page.mouse.up()
    page.wait_for_timeout(300)  # Sortable's 120 ms animation
    assert labels(page) == ["商品码失效调整", "出口货物明细采集", "货物冲减"]
    shot("ui-03-tab-dragged")
    page.locator("#tabs li", has_text="货物冲减").click()
    assert "/goods/writeback/" in active_frame(page).url


@pytest.fixture
def problem_line(live_server, laptop):
    """A signed-in clerk, one line and a 数据一致性检查 problem that links to it."""
    user = make_user(password="pw-Test-2026")
    line = make_export_line(user.enterprise, period="202603")
    run = ConsistencyRun.objects.create(
        enterprise=user.enterprise, family="mdt", period="202603", line_count=1, issue_count=1
    )
    ConsistencyIssue.objects.create(
        enterprise=user.enterprise, run=run, code="LOCAL_RATE_MISMATCH", level="E",
        skippable=False, message="退税率不一致", table="TSSB", line_no="0001",
        item_key=line.item_key, record_id=line.pk,
    )  # fmt: skip
    sign_in(laptop, live_server, user)
    return line


def test_a_link_to_another_function_opens_that_functions_tab(laptop, shot, problem_line) -> None:
    page = laptop
    open_function(page, "退税申报", "数据申报", "生成退税申报数据")
    frame = active_frame(page)
    frame.wait_for_selector("#consistency-issues")
    frame.click("#consistency-issues a:has-text('0001')")
    expect(page.locator("#tabs li.active .tab-label")).to_have_text("出口货物明细采集")
    goods = active_frame(page)
    goods.wait_for_load_state()
    assert goods.url.endswith(f"/ckts/goods/exportline/{problem_line.pk}/")
    assert labels(page) == ["生成退税申报数据", "出口货物明细采集"]
    assert "/ckts/mdt/generate/" in frame_of(page, "ts-scsb").url  # left where it was
    shot("ui-04-link-opened-goods-tab")

    # The menu brings each function back: 生成退税申报数据 as it was, 出口货物明细采集's list.
    open_function(page, "退税申报", "数据申报", "生成退税申报数据")
    assert page.locator("#tabs li.active .tab-label").inner_text() == "生成退税申报数据"
    open_function(page, "退税申报", "货物采集", "出口货物明细采集")
    goods.wait_for_url("**/ckts/goods/exportline/")  # the list, not the line it showed
    goods.wait_for_selector("tr[data-pk]")
    shot("ui-05-menu-brings-the-list-back")


def test_write_back_result_shows_in_the_goods_tab(live_server, laptop, shot) -> None:
    page = laptop
    user = make_user(password="pw-Test-2026")
    line = make_export_line(user.enterprise, status="declared")
    sign_in(page, live_server, user)
    open_function(page, "退税申报", "货物采集", "货物冲减")
    frame = active_frame(page)
    frame.check(f'tr[data-pk="{line.pk}"] input[name="pk"]')
    frame.click(".extra-action:has-text('冲减出口')")
    frame.wait_for_selector("#btn-writeback")
    frame.click("#btn-writeback")
    expect(page.locator("#tabs li.active .tab-label")).to_have_text("出口货物明细采集")
    goods = active_frame(page)
    goods.wait_for_selector(".alert-success")
    assert "冲减成功" in goods.locator(".alert-success").inner_text()
    assert "business_types=HZCJ" in goods.url
    assert labels(page) == ["货物冲减", "出口货物明细采集"]
    writeback = frame_of(page, "ts-hwcj")
    writeback.wait_for_selector(f'tr[data-pk="{line.pk}"]', state="attached")
    assert writeback.url.endswith("/ckts/goods/writeback/")
    assert ExportLine.objects.filter(reverses=line).count() == 1
    shot("ui-06-write-back-in-goods-tab")
