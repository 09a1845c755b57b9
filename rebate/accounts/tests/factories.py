"""Enterprises and signed-in users for tests."""

from __future__ import annotations

import io
import itertools

from stdnum.cn import uscc as stdnum_uscc

from rebate.accounts import services
from rebate.accounts.choices import Role
from rebate.accounts.models import Card, Enterprise, User

_seq = itertools.count(1)


def make_uscc(n: int) -> str:
    body = f"91440300MA5{n:06d}"
    return body + stdnum_uscc.calc_check_digit(body)


def make_enterprise(**overrides: object) -> Enterprise:
    n = next(_seq)
    fields: dict[str, object] = {
        "name": f"测试企业{n}有限公司",
        "uscc": make_uscc(n),
        "customs_code": f"4403{n:06d}",
        "region": "深圳",
        "category": "3",
    }
    fields.update(overrides)
    return Enterprise.objects.create(**fields)


def make_user(
    enterprise: Enterprise | None = None,
    *,
    role: str = Role.CLERK,
    with_card: bool = True,
    password: str = "pw-Test-2026",
    phone: str = "",
) -> User:
    enterprise = enterprise or make_enterprise()
    n = next(_seq)
    user = services.user_create(
        enterprise=enterprise,
        username=f"user{n}",
        password=password,
        role=role,
        phone=phone or f"139{n:08d}",
    )
    if with_card:
        Card.objects.create(user=user, card_no=f"CK{n:010d}", public_key_pem="test-key")
    return user


def onboard_at_eport(enterprise: Enterprise) -> Enterprise:
    """Register the enterprise in the simulated e-port and bureau (its cards can then be bound)."""
    from django.core.management import call_command

    from rebate.integrations.testing import onboard

    call_command(
        "sim_enterprise",
        customs_code=enterprise.customs_code,
        uscc=enterprise.uscc,
        name=enterprise.name,
        stdout=io.StringIO(),
    )
    onboard(enterprise.customs_code)  # the credentials the e-port and bureau issued
    return enterprise
