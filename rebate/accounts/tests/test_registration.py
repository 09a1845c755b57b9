from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.models import Enterprise, User
from rebate.accounts.tests.factories import make_uscc

pytestmark = pytest.mark.django_db


def form(**overrides):
    data = {
        "name": "东莞市测试制造有限公司",
        "uscc": make_uscc(900001),
        "customs_code": "4419946995",
        "region": "东莞",
        "category": "2",
        "username": "newclerk",
        "password": "Strong-pass-2026",
        "phone": "13912345678",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    data.update(overrides)
    return data


def test_registration_creates_enterprise_and_admin(client):
    response = client.post(reverse("accounts:register"), form())
    assert response.status_code == 302
    user = User.objects.get(username="newclerk")
    assert user.enterprise.customs_code == "4419946995"
    assert user.role == "admin"
    assert user.check_password("Strong-pass-2026")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"uscc": make_uscc(900001)[:-1] + ("0" if make_uscc(900001)[-1] != "0" else "1")},
            "统一社会信用代码校验位错误",
        ),
        ({"customs_code": "44199469"}, "海关企业代码"),
        ({"phone": "12345"}, "请输入11位手机号码"),
        ({"captcha_1": "WRONG"}, "验证码错误"),
        ({"name": ""}, "纳税人名称为必填项"),
    ],
)
def test_bad_registration_input_is_refused_with_a_message(client, overrides, message):
    response = client.post(reverse("accounts:register"), form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Enterprise.objects.exists()
    assert not User.objects.exists()


@pytest.mark.parametrize("clash", ["uscc", "customs_code"])
def test_second_account_for_the_same_enterprise_is_refused(client, clash):
    client.post(reverse("accounts:register"), form())
    second = form(username="other", uscc=make_uscc(900002), customs_code="4419946996")
    second[clash] = form()[clash]
    response = client.post(reverse("accounts:register"), second)
    assert "同一个企业，只允许注册一个企业账号" in response.content.decode()
    assert response.context["form"].errors[clash] == ["同一个企业，只允许注册一个企业账号"]
    assert Enterprise.objects.count() == 1
    assert not User.objects.filter(username="other").exists()
