from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from rebate.accounts.models import SignInEvent
from rebate.accounts.tests.factories import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "pw-Test-2026"


def login(client, username, password=PASSWORD, captcha="PASSED", ip="10.0.0.9"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password, "captcha_0": "x", "captcha_1": captcha},
        REMOTE_ADDR=ip,
    )


def test_password_login_opens_the_main_screen(client):
    user = make_user()
    response = login(client, user.username)
    assert response.status_code == 302 and response.url == "/ckts/"
    page = client.get("/ckts/").content.decode()
    assert "出口退税（生产版）" in page and "报关单采集" in page
    assert SignInEvent.objects.filter(user=user, success=True).count() == 1


def test_the_portals_出口退税_leads_a_signed_in_clerk_on_not_to_a_second_sign_in(client):
    client.force_login(make_user())
    response = client.get(reverse("accounts:login") + "?next=/ckts/")
    assert response.status_code == 302 and response.url == "/ckts/"


def test_an_account_without_a_bound_card_is_refused_in_the_manuals_words_and_led_to_bind(client):
    client.force_login(make_user(with_card=False))  # CK-04
    response = client.get(reverse("goods:exportline_list"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "您无权限操作该数据" in page and reverse("accounts:card") in page


def test_wrong_captcha_is_refused(client):
    user = make_user()
    response = login(client, user.username, captcha="NOPE")
    assert "验证码错误" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("who", ["known", "unknown"])
def test_wrong_password_and_unknown_user_get_the_same_message(client, who):
    user = make_user()
    response = login(client, user.username if who == "known" else "nobody", password="wrong")
    assert "用户名或密码错误" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert SignInEvent.objects.filter(success=False).count() == 1


def test_repeated_failures_lock_the_account_and_say_for_how_long(client):
    user = make_user()
    for _ in range(5):
        login(client, user.username, password="wrong")
    response = login(client, user.username)  # even the right password is refused now
    assert response.status_code == 403
    body = response.content.decode()
    assert "账号已被锁定" in body and "分钟后再试" in body
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username=user.username).exists()


def test_a_locked_out_client_does_not_lock_the_user_out_of_other_clients(client):
    """Typing someone's user name five times from one machine locks that machine, not them."""
    user = make_user()
    for _ in range(5):
        login(client, user.username, password="wrong", ip="203.0.113.66")
    locked = login(client, user.username, ip="203.0.113.66")
    assert locked.status_code == 403
    assert "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    response = login(client, user.username, ip="10.0.0.9")  # the clerk at their own desk
    assert response.status_code == 302 and response.url == "/ckts/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_logout_ends_the_session(client):
    user = make_user()
    login(client, user.username)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get("/ckts/").status_code == 302  # back to the login page
