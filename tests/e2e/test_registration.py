"""PT-06 in the browser (issue 14 point 12): 同一个企业，只允许注册一个企业账号 — a second account
for an enterprise already registered, by its 统一社会信用代码 or its 海关企业代码, is refused with
the red message next to that code, and nothing is written."""

from __future__ import annotations

import pytest

from rebate.accounts.models import Enterprise, User
from rebate.accounts.tests.factories import make_uscc
from tests.e2e.manual.steps import spec_step

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
MESSAGE = "同一个企业，只允许注册一个企业账号"


def register(page, base: str, **values: str) -> None:
    page.goto(base + "/accounts/login/")
    page.click("text=注册企业账号")
    for name, value in values.items():
        page.fill(f"#id_{name}", value)
    page.select_option("#id_category", "2")
    page.fill("#id_captcha_1", "PASSED")
    page.click("#register-form button[type=submit]")
    page.wait_for_load_state()


def enterprise(n: int, code: str, username: str) -> dict[str, str]:
    return {
        "name": f"东莞市第{n}制造有限公司", "uscc": make_uscc(910000 + n), "customs_code": code,
        "region": "东莞", "username": username, "password": "Strong-pass-2026",
        "phone": f"1391234{n:04d}",
    }  # fmt: skip


def test_one_account_per_enterprise(live_server, laptop, shot) -> None:
    page, base = laptop, live_server.url
    first = enterprise(1, "4419946995", "firstclerk")
    register(page, base, **first)
    page.wait_for_url("**/accounts/login/")
    assert "注册成功，请登录" in page.inner_text("body")
    shot("pt06-01-registered")

    def same_uscc_refused() -> None:
        assert page.locator('.conv-error[data-for="uscc"]').inner_text() == MESSAGE
        assert "rgb(214, 40, 40)" in page.locator('.conv-error[data-for="uscc"]').evaluate(
            "e => getComputedStyle(e).color"
        )

    second = {**enterprise(2, "4419946996", "second"), "uscc": first["uscc"]}
    spec_step(page, "PT-06", lambda _: register(page, base, **second), check=same_uscc_refused)
    shot("pt06-02-same-uscc-refused")
    register(page, base, **enterprise(3, first["customs_code"], "third"))
    assert page.locator('.conv-error[data-for="customs_code"]').inner_text() == MESSAGE
    shot("pt06-03-same-customs-code-refused")
    assert Enterprise.objects.count() == 1
    assert list(User.objects.values_list("username", flat=True)) == ["firstclerk"]
