"""第四篇 chapter 2, IC卡/Ikey (使用须知·重要提醒), at 1366×768, on `make run`'s demo enterprise
(tests/e2e/tour.bootstrap_demo): `demo` with its bound card and a colleague's (`manager`'s):
申报 without a card, with the colleague's card, with the bound card (signed); 卡介质 sign-in by the
card's identity, an unbound card refused; an account with no bound card refused data.
Screenshots: test-output/manual/01, 02.

Three things the demo data does not hold are made here, the way the world makes them: the card
nobody bound yet (the e-port's counter issues it, as README's sim_issue_card does), the 备案
filing to declare (the demo has none open; a factory writes it as 新建 would) and the new
account without a card (the demo's three users all have one).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from rebate.accounts.cardauth import NOT_INSERTED
from rebate.accounts.demo import DEMO_CARD_NO, DEMO_CARD_PIN, DEMO_USERS, demo_card_file
from rebate.accounts.models import User
from rebate.accounts.tests.factories import make_user
from rebate.declarations.models import DeclarationBatch
from rebate.filings.tests.factories import make_waiver
from tests.e2e.manual.steps import spec_step
from tests.e2e.tour import bootstrap_demo
from tests.integration.conftest import CARD_PIN, issue_card_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CARD, OTHER = DEMO_CARD_NO, DEMO_USERS[1].card_no  # demo's and its colleague manager's
UNBOUND = "CK4403000009"  # issued by the e-port, bound to nobody
GENERATE = "/ckts/ba/generate/"


@pytest.fixture
def clerk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo = bootstrap_demo()
    user = User.objects.get(username="demo")
    user.card_file, user.other_card = demo.card_file, demo_card_file(OTHER)
    code = demo.enterprise.customs_code
    user.unbound_card = issue_card_file(tmp_path / "new.json", customs_code=code, card_no=UNBOUND)
    start = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    make_waiver(demo.enterprise, start_on=start, reason="转为内销经营")  # something to 申报
    return user


def password_sign_in(page, base, username) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", settings.DEMO_PASSWORD)
    page.fill("#id_captcha_1", "PASSED")
    page.click("#login-submit")
    page.wait_for_url("**/ckts/")


def insert(page, base, card_file, pin=DEMO_CARD_PIN) -> None:
    """插卡 on the IC卡/Ikey page: the key file and the PIN (the browser keeps the key)."""
    page.goto(base + reverse("accounts:card"))
    page.set_input_files("#card-file", str(card_file))
    page.fill("#card-pin", pin)
    page.click("#card-insert")
    page.locator("#card-eject").wait_for()


def declare(page, base) -> None:
    """生成申报数据 of the 放弃出口退（免）税 filing: the step that signs with the card."""
    page.goto(base + GENERATE)
    page.click("#btn-generate")
    page.wait_for_selector("#dlg-package.show")
    page.select_option('#dlg-package [name="business"]', "A0409004")
    page.click("#dlg-package-ok")
    page.wait_for_load_state("networkidle")


def refused(page, text: str):
    def check() -> None:
        alert = page.locator(".alert-danger", has_text=text)
        expect(alert).to_be_visible()
        expect(alert.locator("#card-step-link")).to_be_visible()  # the way on: 插卡
        assert not DeclarationBatch.objects.exists()

    return check


def test_the_card_rules(live_server, laptop, clerk) -> None:
    page, base = laptop, live_server.url
    password_sign_in(page, base, clerk.username)
    spec_step(page, "CK-01", lambda _: declare(page, base), check=refused(page, NOT_INSERTED))

    insert(page, base, clerk.other_card)  # a colleague's card of the same enterprise
    mismatch = f"当前卡号 {OTHER} 与用户注册信息卡号 {CARD} 不一致，无法进行申报"
    spec_step(page, "CK-05", lambda _: declare(page, base), check=refused(page, mismatch))

    page.goto(base + reverse("accounts:card"))
    page.click("#card-eject")
    insert(page, base, clerk.card_file)

    def signed_and_kept() -> None:
        expect(page.locator(".alert-success", has_text=f"已使用IC卡 {CARD} 签名")).to_be_visible()
        batch = DeclarationBatch.objects.get(family="filings")
        assert batch.status == "generated" and batch.card_no == CARD and batch.package_digest

    spec_step(page, "CK-03", lambda _: declare(page, base), check=signed_and_kept)

    page.goto(base + reverse("web:main"))
    page.click("#logout")  # 退出 pulls the card
    page.wait_for_url(base + "/")

    def card_sign_in(card_file, pin=DEMO_CARD_PIN):
        def act(link) -> None:
            if link is None:  # CK-02 names no control: the way there is the same 卡介质 link
                page.goto(base + reverse("accounts:login"))
                link = page.get_by_text("卡介质", exact=True)
            link.click()
            page.set_input_files("#card-file", str(card_file))
            page.fill("#card-pin", pin)
            page.click("#card-login-submit")
            page.wait_for_load_state("networkidle")

        return act

    def unbound_card_refused() -> None:
        error = page.locator("#card-login-error")
        expect(error).to_have_text(f"卡号 {UNBOUND} 未绑定任何用户，请先用用户名密码登录并绑定")
        assert "/accounts/login/card/" in page.url

    spec_step(page, "CK-02", card_sign_in(clerk.unbound_card, CARD_PIN), check=unbound_card_refused)

    def signed_in_as_the_cards_holder() -> None:
        page.wait_for_url("**/ckts/")
        expect(page.locator("#card-status")).to_have_text(f"已插卡 {CARD}")
        expect(page.locator("header")).to_contain_text(clerk.username)

    page.goto(base + reverse("accounts:login"))
    spec_step(page, "PT-05", card_sign_in(clerk.card_file), check=signed_in_as_the_cards_holder)
    page.click("#logout")
    page.wait_for_url(base + "/")

    newcomer = make_user(clerk.enterprise, with_card=False, password=settings.DEMO_PASSWORD)
    password_sign_in(page, base, newcomer.username)

    def no_data_without_a_bound_card() -> None:
        expect(page.locator("#refusal")).to_have_text("您无权限操作该数据")
        expect(page.locator("#bind-card-link")).to_be_visible()

    spec_step(
        page,
        "CK-04",
        lambda _: page.goto(base + reverse("goods:exportline_list")),
        check=no_data_without_a_bound_card,
    )
    page.click("#bind-card-link")
    page.locator("#card-reader").wait_for()  # where the card is inserted and bound
