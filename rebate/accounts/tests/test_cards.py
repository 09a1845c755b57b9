from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rebate.accounts import cardreader, services
from rebate.accounts.models import Card
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.integrations.credentials import authorization
from rebate.integrations.models import Party

pytestmark = pytest.mark.django_db


def test_card_login_signs_a_challenge_with_the_bound_card(client):
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    services.card_issue_and_bind(user=user, card_no="CK9000000001")
    response = client.post(reverse("accounts:card_login"), {"card_no": "CK9000000001"})
    assert response.status_code == 302
    assert client.session["card_no"] == "CK9000000001"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_card_login_with_a_card_whose_key_does_not_match_is_refused(client):
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    services.card_issue_and_bind(user=user, card_no="CK9000000002")
    cardreader.issue_card("CK9000000002")  # a different key pair behind the same number
    response = client.post(reverse("accounts:card_login"), {"card_no": "CK9000000002"})
    assert "卡介质签名验证失败" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_data_operations_need_a_bound_card():
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    with pytest.raises(PermissionDenied, match="您无权限操作该数据"):
        services.require_bound_card(user)


def test_declaring_with_another_card_names_both_numbers():
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    services.card_issue_and_bind(user=user, card_no="CK9000000003")
    cardreader.issue_card("CK9000000004")
    with pytest.raises(PermissionDenied) as info:
        services.require_signing_card(user, "CK9000000004")
    assert str(info.value) == (
        "当前卡号 CK9000000004 与用户注册信息卡号 CK9000000003 不一致，无法进行申报"
    )
    assert services.require_signing_card(user, "CK9000000003").card_no == "CK9000000003"


def test_pulled_card_cannot_sign():
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    services.card_issue_and_bind(user=user, card_no="CK9000000005")
    (cardreader._reader_dir() / "CK9000000005.pem").unlink()
    with pytest.raises(PermissionDenied, match="未检测到IC卡"):
        services.require_signing_card(user, "CK9000000005")


def test_card_page_binds_the_inserted_card_and_connects_it(client):
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    cardreader.issue_card("CK9000000006")
    client.force_login(user)
    page = client.get(reverse("accounts:card")).content.decode()
    assert "尚未绑定电子口岸IC卡" in page and "CK9000000006" in page
    response = client.post(reverse("accounts:card"), {"card_no": "CK9000000006", "action": "bind"})
    assert response.status_code == 302
    user.card.refresh_from_db()
    assert user.card.public_key_pem == cardreader.public_key_pem("CK9000000006")
    assert client.session["card_no"] == "CK9000000006"
    assert services.require_signing_card(user, client.session["card_no"]).card_no == "CK9000000006"


def test_a_card_bound_to_someone_else_cannot_be_bound_again(client):
    owner = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    services.card_issue_and_bind(user=owner, card_no="CK9000000007")
    other = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    client.force_login(other)
    response = client.post(reverse("accounts:card"), {"card_no": "CK9000000007", "action": "bind"})
    assert "卡号 CK9000000007 已绑定其他用户" in response.content.decode()
    assert not Card.objects.filter(user=other).exists()


def test_binding_is_refused_when_the_enterprise_is_not_at_the_eport():
    user = make_user(with_card=False)
    cardreader.issue_card("CK9000000008")
    with pytest.raises(ValidationError, match="尚未取得中国电子口岸的接入凭证"):
        services.card_bind_inserted(user=user, card_no="CK9000000008")
    assert not Card.objects.filter(user=user).exists()


def test_a_bound_card_is_registered_with_the_eport_card_authority(sim_http):
    """The bureau accepts what the e-port issued: the registration is visible over its API."""
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    services.card_issue_and_bind(user=user, card_no="CK9000000009")
    again = sim_http.post(
        "/customs/api/v1/cards",
        headers=authorization(Party.CUSTOMS, user.enterprise.customs_code),
        json={
            "customs_code": user.enterprise.customs_code,
            "card_no": "CK9000000009",
            "public_key_pem": cardreader.public_key_pem("CK9000000009"),
        },
    )
    assert again.status_code in (200, 201)  # idempotent: the same card and key again
    other = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    clash = sim_http.post(
        "/customs/api/v1/cards",
        headers=authorization(Party.CUSTOMS, other.enterprise.customs_code),
        json={
            "customs_code": other.enterprise.customs_code,
            "card_no": "CK9000000009",
            "public_key_pem": cardreader.public_key_pem("CK9000000009"),
        },
    )
    assert clash.status_code == 409 and "已绑定其他企业" in clash.json()["error"]
