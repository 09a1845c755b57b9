"""第四篇 chapters 1 and 3 as the manual walks them, at 1366×768: the portal (标准应用, 我要办事,
登录), password sign-in with the conventions it shows (red message right of the field, the red hint
at the bottom), 出口退税 from the portal, the main screen (菜单栏 and 展示区 with 页签), collapsing
the menu, scrolling and closing tabs, the field colours, the browser it runs in, 退出.
Each step is driven by its SPEC label (steps.spec_step), as `demo` on `make run`'s world
(tests/e2e/tour.bootstrap_demo). Screenshots: test-output/manual/01, 03.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rebate.accounts.models import User
from tests.e2e.manual.steps import spec_items, spec_step
from tests.e2e.test_shell import open_function
from tests.e2e.tour import bootstrap_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "demo-2026"  # README's demo sign-in (settings.DEMO_PASSWORD)
RED = "rgb(214, 40, 40)"
YELLOW, GREY, WHITE = "rgb(255, 247, 194)", "rgb(233, 236, 239)", "rgb(255, 255, 255)"
TABS = [
    ("数据采集", "报关单数据采集", "报关单采集"),
    ("退税申报", "货物采集", "出口货物明细采集"),
    ("退税申报", "货物采集", "货物冲减"),
    ("退税申报", "货物采集", "视同自产货物清单"),
    ("退税申报", "数据申报", "生成退税申报数据"),
    ("退税申报", "数据申报", "撤销申报数据"),
    ("退税申报", "数据查询"),
    ("配置", "商品代码", "退税商品码"),
    ("退税申报", "反馈处理", "退税审核结果下载"),
]


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None
    return found


def colour(locator, prop: str = "backgroundColor") -> str:
    return locator.evaluate(f"e => getComputedStyle(e).{prop}")


def portal(page, base: str) -> None:
    page.goto(base + "/", timeout=60_000)  # the live server's first answer, on a busy machine
    spec_step(page, "PT-02", check=lambda: expect(page.locator("#app-ckts")).to_be_visible())

    def pick_region(tab) -> None:
        tab.click()
        page.locator("#tab-local a", has_text="广东").click()

    def local_page() -> None:
        expect(page.locator("h1")).to_have_text("广东地方单一窗口")
        expect(page.locator("#region-login")).to_have_text("登录标准版")

    spec_step(page, "PT-03", pick_region, check=local_page)
    page.click("#region-login")
    page.wait_for_url("**/accounts/login/**")
    page.goto(base + "/")
    spec_step(
        page,
        "PT-01",
        scope=page.locator("header"),
        check=lambda: page.wait_for_url("**/accounts/login/"),
    )


def login_conventions(page, user) -> None:
    def leave_username_empty(_) -> None:
        page.fill("#id_password", PASSWORD)
        page.fill("#id_captcha_1", "PASSED")
        page.click("#login-submit")

    def red_message_right_of_the_field() -> None:
        error = page.locator('.conv-error[data-for="username"]')
        expect(error).to_have_text("用户名为必填项")
        assert colour(error, "color") == RED
        field = box(page.locator("#id_username"))
        assert box(error)["x"] >= field["x"] + field["width"], "the message is not to the right"

    spec_step(page, "UI-03", leave_username_empty, check=red_message_right_of_the_field)

    def hint_in_red_at_the_bottom() -> None:
        bar = page.locator("#hint-bar")
        expect(bar).to_have_text("请输入注册时的用户名")
        assert colour(bar, "color") == RED
        assert box(bar)["y"] + box(bar)["height"] >= 768 - 1

    spec_step(page, "UI-06", lambda _: page.focus("#id_username"), check=hint_in_red_at_the_bottom)

    def sign_in(button) -> None:
        page.fill("#id_username", user.username)
        page.fill("#id_password", "not-the-password")
        page.fill("#id_captcha_1", "PASSED")
        button.click()
        expect(page.locator(".form-errors")).to_contain_text("用户名或密码错误")
        page.fill("#id_password", PASSWORD)
        page.fill("#id_captcha_1", "PASSED")
        page.click("#login-submit")

    spec_step(page, "PT-04", sign_in, role="button", check=lambda: page.wait_for_url("**/ckts/"))


def main_screen(page, base: str) -> None:
    def menu_and_display_area() -> None:
        expect(page.locator("#menubar .menu-link", has_text="报关单采集")).to_have_count(1)
        expect(page.locator("#display-area #tabs")).to_be_attached()
        open_function(page, "数据采集", "报关单数据采集", "报关单采集")
        expect(page.locator("#tabs li.active")).to_contain_text("报关单采集")
        pane = page.frame_locator(".pane:not([hidden]) iframe")
        expect(pane.locator(".page-title")).to_have_text("报关单采集")  # shown in the 展示区

    spec_step(page, "UI-01", None, role="main", check=menu_and_display_area)

    def collapsed() -> None:
        expect(page.locator("#menubar")).to_have_class(re.compile(r"\bcollapsed\b"))
        expect(page.locator("#menubar")).to_have_css("width", "48px")
        assert page.locator("#menubar .menu-group-toggle .bi").first.is_visible()  # icons only
        assert not page.locator("#menubar .menu-text").first.is_visible()

    spec_step(page, "UI-08", role="button", check=collapsed)
    page.click("#menu-toggle")  # expanded again
    expect(page.locator("#menubar")).not_to_have_class(re.compile(r"\bcollapsed\b"))

    for path in TABS[1:]:
        open_function(page, *path)
    viewport = page.locator(".tabs-viewport")
    assert viewport.evaluate("v => v.scrollWidth > v.clientWidth"), "the tabs do not overflow"
    at_end = viewport.evaluate("v => v.scrollLeft")

    def scroll_left(group) -> None:
        group.get_by_role("button", name="向左移动页签").click()

    def scrolled() -> None:
        assert viewport.evaluate("v => v.scrollLeft") < at_end
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        # nor taller than the window: the menu opened far down scrolled the header out by the
        # frames' baseline gap (5 px) when a link low in it was clicked
        assert page.evaluate("document.documentElement.scrollHeight") <= 768
        assert page.evaluate("document.scrollingElement.scrollTop") == 0

    spec_step(page, "UI-07", scroll_left, role="group", check=scrolled)

    page.locator("#tabs li", has_text="出口货物明细采集").click()
    page.click("#tabs-menu")

    def one_tab_left() -> None:
        expect(page.locator("#tabs li")).to_have_count(1)
        expect(page.locator("#tabs li")).to_contain_text("出口货物明细采集")

    spec_step(page, "UI-10", check=one_tab_left)
    page.click("#tabs-menu")
    spec_step(page, "UI-09", check=lambda: expect(page.locator("#tabs li")).to_have_count(0))

    def current_browser(_) -> None:
        page.goto(base + reverse("web:main"))

    def works_here() -> None:
        agent = page.evaluate("navigator.userAgent")
        assert "Chrome/" in agent, agent
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        expect(page.locator("#card-status")).to_contain_text("未插卡")  # the simulated reader

    spec_step(page, "UI-11", current_browser, check=works_here)


def field_colours(page, base: str, user) -> None:
    """The legend above a record's form names the three colours; its fields wear them (新建 of an
    出口货物明细: the demo's own lines are declared, so read-only)."""
    page.goto(base + reverse("goods:exportline_add"))
    legend = page.locator("#field-legend")

    def wear(spec_id: str, kind: str, rgb: str):
        def check() -> None:
            swatch = legend.get_by_text(spec_items()[spec_id].visible, exact=True)
            field = page.locator(f"#record-form .fld-{kind}").first
            assert colour(swatch) == rgb and colour(field) == rgb, (colour(swatch), colour(field))
            if kind == "computed":
                assert field.is_disabled()  # 返填项: filled by the system, not editable

        return check

    spec_step(page, "UI-02", None, scope=legend, check=wear("UI-02", "required", YELLOW))
    spec_step(page, "UI-04", None, scope=legend, check=wear("UI-04", "computed", GREY))
    spec_step(page, "UI-05", None, scope=legend, check=wear("UI-05", "optional", WHITE))


def portal_to_main_and_out(page, base: str) -> None:
    page.goto(base + "/")
    spec_step(
        page,
        "PT-09",
        scope=page.locator("#tab-apps"),
        check=lambda: page.wait_for_url("**/ckts/"),  # signed in: no second sign-in
    )

    def signed_out() -> None:
        page.wait_for_url(base + "/")  # back on the portal
        page.goto(base + reverse("web:main"))
        page.wait_for_url("**/accounts/login/**")  # the session is over

    spec_step(page, "PT-10", role="button", check=signed_out)


def test_portal_sign_in_and_the_main_screens_conventions(
    live_server, laptop, settings, tmp_path
) -> None:
    page, base = laptop, live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    assert settings.DEMO_PASSWORD == PASSWORD
    bootstrap_demo()
    user = User.objects.get(username="demo")
    portal(page, base)
    login_conventions(page, user)
    main_screen(page, base)
    field_colours(page, base, user)
    portal_to_main_and_out(page, base)
