"""Bad input is refused at the field with a Chinese message, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ..models import Agency, Registration, RegistrationChange, Reminder
from .factories import registration_values

pytestmark = pytest.mark.django_db


def error_of(html: str, field: str) -> str:
    start = html.index(f'class="conv-error" data-for="{field}">') + len(
        f'class="conv-error" data-for="{field}">'
    )
    return html[start : html.index("</div>", start)]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"uscc": "91440300MA5FHK4H1A"}, "uscc", "统一社会信用代码校验位错误"),
        ({"bank_account": "6222-0200-0000"}, "bank_account", "退税开户银行账号只能由数字组成"),
        ({"handler1_id_no": ""}, "handler1_id_no", "办理退（免）税人员须填写身份证件号码"),
        ({"handler1_id_no": "110101199003074470"}, "handler1_id_no", "居民身份证号码校验位错误"),
        ({"zero_rate_flag": "Y"}, "zero_rate_services", "请填写零税率应税服务"),
    ],
)
def test_registration_bad_input_at_the_field(
    client: Client, clerk: Any, change: dict[str, str], field: str, message: str
) -> None:
    client.force_login(clerk)
    data = {
        **registration_values(clerk.enterprise),
        "refund_method": "1",
        "enterprise_type": "01",
        "zero_rate_flag": "N",
        "filled_on": "2026-12-01",
        **change,
    }
    r = client.post(reverse("filings:registration_add"), data)
    assert r.status_code == 400
    assert message in error_of(r.content.decode(), field)
    assert not Registration.objects.exists()


def test_a_registration_of_another_enterprise_is_refused(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    data = {**registration_values(clerk.enterprise), "uscc": "91441900791176562Y",
            "refund_method": "1", "enterprise_type": "01", "zero_rate_flag": "N",
            "filled_on": "2026-12-01"}  # fmt: skip
    r = client.post(reverse("filings:registration_add"), data)
    assert "统一社会信用代码与本企业的注册信息不一致" in error_of(r.content.decode(), "uscc")
    assert not Registration.objects.exists()


def test_a_change_of_the_enterprise_identity_is_refused(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    data = {**registration_values(clerk.enterprise), "customs_code": "4403960Z99",
            "refund_method": "1", "enterprise_type": "01", "zero_rate_flag": "N",
            "filled_on": "2026-12-01"}  # fmt: skip
    r = client.post(reverse("filings:registrationchange_add"), data)
    assert "海关企业代码不能通过备案变更修改" in error_of(r.content.decode(), "customs_code")
    assert not RegistrationChange.objects.exists()


def test_agency_and_reminder_bad_input(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    r = client.post(reverse("filings:agency_add"), {
        "agent_name": "外综服", "agent_customs_code": "4403960W01",
        "agent_uscc": "91441900791176562X", "contract_no": "C1", "bank_name": "中国银行",
        "bank_account": "账号12345", "legal_representative": "李", "filled_on": "2026-12-01",
    })  # fmt: skip
    html = r.content.decode()
    assert "统一社会信用代码校验位错误" in error_of(html, "agent_uscc")
    assert "只能由数字组成" in error_of(html, "bank_account")
    r = client.post(reverse("filings:reminder_add"), {
        "phone1": "1234", "contact": "王", "action": "01", "filled_on": "2026-12-01",
    })  # fmt: skip
    html = r.content.decode()
    assert "请输入11位手机号码" in error_of(html, "phone1")
    assert "请至少选择一项提醒事项" in error_of(html, "remind_deadline")
    assert not Agency.objects.exists() and not Reminder.objects.exists()
