"""配置 pages (PZ-01…PZ-08): labels of the manual, inline Chinese messages, nothing changed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.configuration.models import (
    DeliveryPlace,
    EnterpriseCurrency,
    EnterpriseExtension,
    EnterpriseProfile,
    Principal,
    RateMethodChoice,
)
from rebate.configuration.services import enterprise_filing_update

from .factories import make_profile

PAGES = [
    ("configuration:currency_list", ["币别", "新建", "币别代码", "币别名称"]),
    ("configuration:currency_add", ["币别代码", "币别名称", "海关币制数字代码", "保存"]),
    ("configuration:principal_list", ["委托企业", "企业名称", "纳税人识别号"]),
    ("configuration:principal_add", ["企业名称", "纳税人识别号", "海关企业代码", "联系人"]),
    ("configuration:deliveryplace_list", ["自用到货地点", "到货地点代码", "到货地点名称"]),
    ("configuration:deliveryplace_add", ["到货地点代码", "境内货源地", "详细地址"]),
    (
        "configuration:enterprise_info",
        ["企业信息查询", "纳税人名称", "统一社会信用代码", "备案信息"],
    ),
    ("configuration:extension_types", ["扩展类型代码", "无纸化标志"]),
    ("configuration:paperless_list", ["无纸化标志", "有效期起"]),
    ("configuration:paperless_add", ["无纸化标志", "有效期起", "有效期止"]),
    ("configuration:region", ["所属地区", "保存"]),
    ("configuration:enterprise_edit", ["企业信息", "法定代表人", "汇率折算方式", "当月1日"]),
]


def error_next_to(html: str, field: str) -> str:
    match = re.search(rf'class="conv-error" data-for="{field}">([^<]*)<', html)
    return match.group(1) if match else ""


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "labels"), PAGES, ids=[p[0] for p in PAGES])
def test_page_renders_with_the_manuals_labels(signed_in, tables, name, labels) -> None:
    response = signed_in.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    for label in labels:
        assert label in html, label


@pytest.mark.django_db
def test_pages_need_a_bound_card(client, tables) -> None:
    client.force_login(make_user(with_card=False))
    for name, _ in PAGES:
        assert client.get(reverse(name)).status_code == 403, name


BAD_POSTS = [
    (
        "configuration:currency_add",
        {"currency_code": "ZZZ"},
        "currency_code",
        "币别代码不存在",
        EnterpriseCurrency,
    ),
    (
        "configuration:currency_add",
        {"currency_code": ""},
        "currency_code",
        "币别代码为必填项",
        EnterpriseCurrency,
    ),
    (
        "configuration:principal_add",
        {"name": "甲", "taxpayer_id": "12"},
        "taxpayer_id",
        "纳税人识别号应为15至20位数字或大写字母",
        Principal,
    ),
    (
        "configuration:deliveryplace_add",
        {"code": "A", "name": "仓", "district_code": "99999"},
        "district_code",
        "境内货源地代码不存在",
        DeliveryPlace,
    ),
    (
        "configuration:paperless_add",
        {"value": "Y", "valid_from": "2026-05-01", "valid_to": "2026-04-01"},
        "valid_to",
        "有效期止不能早于有效期起",
        EnterpriseExtension,
    ),
    (
        "configuration:enterprise_edit",
        {"legal_representative": "", "contact": "李四", "phone": "1"},
        "legal_representative",
        "法定代表人为必填项",
        EnterpriseProfile,
    ),
    (
        "configuration:rate_method",
        {"method": "X", "year": "2026"},
        "method",
        "选择一个有效的选项",
        RateMethodChoice,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "field", "message", "model"),
    BAD_POSTS,
    ids=[f"{p[0]}-{p[2]}" for p in BAD_POSTS],
)
def test_bad_input_shows_a_message_next_to_the_field(
    signed_in, tables, name, data, field, message, model
) -> None:
    response = signed_in.post(reverse(name), data)
    assert response.status_code == 400
    assert message in error_next_to(response.content.decode(), field)
    assert not model.objects.exists()


@pytest.mark.django_db
def test_region_bad_choice_and_good_choice(signed_in, user) -> None:
    response = signed_in.post(reverse("configuration:region"), {"region": "火星"})
    assert "选择一个有效的选项" in error_next_to(response.content.decode(), "region")
    user.enterprise.refresh_from_db()
    assert user.enterprise.region == "深圳"
    response = signed_in.post(reverse("configuration:region"), {"region": "宁波"}, follow=True)
    assert "保存成功" in response.content.decode()
    user.enterprise.refresh_from_db()
    assert user.enterprise.region == "宁波"


@pytest.mark.django_db
def test_create_currency_through_the_page(signed_in, tables, user) -> None:
    response = signed_in.post(
        reverse("configuration:currency_add"), {"currency_code": "EUR"}, follow=True
    )
    assert "保存成功" in response.content.decode()
    row = EnterpriseCurrency.objects.get()
    assert (row.enterprise, row.name, row.old_code) == (user.enterprise, "欧元", "300")


@pytest.mark.django_db
def test_profile_and_rate_method_through_the_page(signed_in, user) -> None:
    data = {
        "legal_representative": "张三",
        "contact": "李四",
        "phone": "0755-1234567",
        "taxpayer_name": "篡改的名称",
    }
    signed_in.post(reverse("configuration:enterprise_edit"), data)
    profile = EnterpriseProfile.objects.get()
    assert (profile.enterprise, profile.legal_representative) == (user.enterprise, "张三")
    user.enterprise.refresh_from_db()
    assert user.enterprise.name != "篡改的名称"  # grey fields are never accepted
    signed_in.post(reverse("configuration:rate_method"), {"method": "SAME_DAY", "year": "2026"})
    response = signed_in.post(
        reverse("configuration:rate_method"), {"method": "FIRST_OF_MONTH", "year": "2026"}
    )
    assert "一个年度内不得变更" in error_next_to(response.content.decode(), "method")
    assert list(RateMethodChoice.objects.values_list("method", flat=True)) == ["SAME_DAY"]


@pytest.mark.django_db
def test_viewer_cannot_change_anything(client, tables) -> None:
    viewer = make_user(role="viewer")
    client.force_login(viewer)
    assert client.post(reverse("configuration:region"), {"region": "宁波"}).status_code == 403
    assert (
        client.post(reverse("configuration:currency_add"), {"currency_code": "USD"}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("configuration:rate_method"), {"method": "SAME_DAY", "year": "2026"}
        ).status_code
        == 403
    )
    assert not EnterpriseCurrency.objects.exists() and not RateMethodChoice.objects.exists()


@pytest.mark.django_db
def test_enterprise_info_shows_only_the_own_enterprise(client, tables) -> None:
    owner, other = make_user(), make_user()
    make_profile(owner.enterprise)
    enterprise_filing_update(enterprise=owner.enterprise, filing_no="BA-OWNER-001")
    client.force_login(other)
    html = client.get(reverse("configuration:enterprise_info")).content.decode()
    assert other.enterprise.name in html and owner.enterprise.name not in html
    assert "BA-OWNER-001" not in html and "张三" not in html and "尚无备案信息" in html
    client.force_login(owner)
    html = client.get(reverse("configuration:enterprise_info")).content.decode()
    assert "BA-OWNER-001" in html and "张三" in html
    html = client.get(reverse("configuration:enterprise_edit")).content.decode()
    assert 'value="张三"' in html
    client.force_login(other)
    html = client.get(reverse("configuration:enterprise_edit")).content.decode()
    assert 'value="张三"' not in html
