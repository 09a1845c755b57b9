"""Steps of 生成退税申报数据 shared by the browser tests."""

from __future__ import annotations

from tests.integration.test_full_chain import PERIOD


def open_generate(page, base, period=PERIOD):
    page.goto(f"{base}/ckts/mdt/generate/?period={period}")


def modal_ok(page, button, dialog, **fields):
    page.click(button)
    page.wait_for_selector(f"{dialog}.show")
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
