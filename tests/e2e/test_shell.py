"""portal → 登录 → sign in → three functions as tabs → 关闭其他选项卡 → menu collapse/expand."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rebate.accounts.tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_function(page, *labels):
    """Click through the menu tree: groups first, the leaf last."""
    for label in labels[:-1]:
        group = page.locator(".menu-group-toggle", has_text=label).first
        if "open" not in (group.locator("xpath=..").get_attribute("class") or ""):
            group.click()
    page.locator(".menu-link", has_text=labels[-1]).first.click()


def test_sign_in_and_work_with_tabs(live_server, page, shot):
    user = make_user(password="pw-Test-2026")
    page.goto(live_server.url + "/")
    shot("01-portal")
    page.click("#portal-login")

    # A required field left empty: the red message stands right of the field.
    page.fill("#id_password", "pw-Test-2026")
    page.fill("#id_captcha_1", "PASSED")
    page.click("#login-submit")
    error = page.locator('.conv-error[data-for="username"]')
    assert error.inner_text() == "用户名为必填项"
    assert "rgb(214, 40, 40)" in error.evaluate("e => getComputedStyle(e).color")
    assert (
        page.locator("#id_username").evaluate("e => getComputedStyle(e).backgroundColor")
        == "rgb(255, 247, 194)"
    )  # required = yellow
    page.focus("#id_username")
    assert page.locator("#hint-bar").inner_text() == "请输入注册时的用户名"
    shot("02-login-required-field")

    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-Test-2026")
    page.fill("#id_captcha_1", "PASSED")
    page.click("#login-submit")
    page.wait_for_url("**/ckts/")
    assert page.locator(".menu-text", has_text="报关单采集").count() == 1

    open_function(page, "数据采集", "报关单数据采集", "报关单采集")
    open_function(page, "退税申报", "数据申报", "生成退税申报数据")
    open_function(page, "配置", "商品代码", "退税商品码")
    assert page.locator("#tabs li").count() == 3
    assert page.locator("#tabs li.active").inner_text().strip().startswith("退税商品码")
    shot("03-three-tabs")

    page.locator("#tabs li", has_text="报关单采集").click()
    page.click("#tabs-menu")
    page.click("#close-others")
    assert page.locator("#tabs li").count() == 1
    assert page.locator("#tabs li").inner_text().strip().startswith("报关单采集")
    shot("04-closed-others")

    page.click("#menu-toggle")
    assert "collapsed" in page.locator("#menubar").get_attribute("class")
    # (wait_for_function would eval a string, which the Content-Security-Policy refuses)
    expect(page.locator("#menubar")).to_have_css("width", "48px")
    shot("05-menu-collapsed")
    page.click("#menu-toggle")
    assert "collapsed" not in page.locator("#menubar").get_attribute("class")

    page.click("#tabs-menu")
    page.click("#close-all")
    assert page.locator("#tabs li").count() == 0
