"""python manage.py demo_overseas — the demo enterprise's 海外仓 history (bootstrap_demo)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from rebate.accounts.demo import DEMO_ENTERPRISE, DEMO_USERS
from rebate.accounts.models import Enterprise, User
from rebate.overseas.demo import seed_overseas


class Command(BaseCommand):
    help = "演示企业的海外仓预退税明细（来自税务局清单）及两条核对记录；已有则跳过。"

    def handle(self, *args: Any, **options: Any) -> None:
        enterprise = Enterprise.objects.get(customs_code=DEMO_ENTERPRISE["customs_code"])
        actor = User.objects.get(username=DEMO_USERS[0].username)
        lines = seed_overseas(enterprise, actor, timezone.localdate())
        self.stdout.write(f"    海外仓预退税明细 {len(lines)} 条")
