from __future__ import annotations

import pytest
from django.core.checks import run_checks

from rebate.accounts import services

pytestmark = pytest.mark.django_db


def test_production_refuses_a_demo_account_that_still_has_the_demo_password(settings):
    settings.DEMO_ALLOWED = False
    services.enterprise_register(
        name="演示",
        uscc="91440300MA5DEMQ01H",
        customs_code="4403960D01",
        region="深圳",
        category="2",
        username=settings.DEMO_USERNAME,
        password=settings.DEMO_PASSWORD,
        phone="13800000001",
    )
    errors = [e for e in run_checks(include_deployment_checks=True) if e.id == "accounts.E001"]
    assert errors and "生产环境拒绝启动" in errors[0].msg


def test_dev_settings_allow_the_demo(settings):
    settings.DEMO_ALLOWED = True
    assert not [e for e in run_checks(include_deployment_checks=True) if e.id == "accounts.E001"]


def test_the_demo_cannot_be_created_under_production_settings(settings):
    from django.core.exceptions import ImproperlyConfigured

    from rebate.accounts.demo import ensure_demo

    settings.DEMO_ALLOWED = False
    with pytest.raises(ImproperlyConfigured):
        ensure_demo()
