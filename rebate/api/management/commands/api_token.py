"""manage.py api_token USERNAME --name NAME [--expires YYYY-MM-DD]: prints the new token once."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rebate.accounts.models import User
from rebate.api.services import token_create


class Command(BaseCommand):
    help = "为用户创建API令牌（只显示这一次，系统只保存其摘要）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="令牌名称，如 ERP同步")
        parser.add_argument("--expires", default=None, help="有效期至 YYYY-MM-DD（当日24时失效）")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"用户“{options['username']}”不存在")
        expires_at = None
        if options["expires"]:
            try:
                day = datetime.date.fromisoformat(options["expires"])
            except ValueError:
                raise CommandError("--expires 应为 YYYY-MM-DD") from None
            midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
            expires_at = timezone.make_aware(midnight)
        try:
            _, raw = token_create(user=user, name=options["name"], expires_at=expires_at)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(raw)
