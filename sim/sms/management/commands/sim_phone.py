"""Register a simulated handset with the SMS simulator: its number and the PIN that unlocks it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sim.sms.phone import register
from sim.sms.views import PHONE


class Command(BaseCommand):
    help = "登记模拟手机（号码与解锁密码）；其短信只对输入解锁密码者可见"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--number", required=True)
        parser.add_argument("--pin", required=True, help="解锁密码（至少6位）")

    def handle(self, *args: Any, number: str, pin: str, **options: Any) -> None:
        if not PHONE.match(number):
            raise CommandError("手机号码无效")
        if len(pin) < 6:
            raise CommandError("解锁密码至少6位")
        register(number, pin)
        self.stdout.write(f"已登记模拟手机 {number}")
