"""Production refuses the demo sign-in: a deploy check fails while a demo account can log in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def demo_account_disabled(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Error]:
    if settings.DEMO_ALLOWED:
        return []
    from .models import User

    try:
        user = User.objects.filter(username=settings.DEMO_USERNAME, is_active=True).first()
    except DatabaseError:  # no database yet: nothing to refuse
        return []
    if user is not None and user.check_password(settings.DEMO_PASSWORD):
        return [
            Error(
                "演示账号 demo 仍可使用演示密码登录，生产环境拒绝启动",
                hint="修改该账号密码或停用该账号（manage.py changepassword demo）。",
                id="accounts.E001",
            )
        ]
    return []
