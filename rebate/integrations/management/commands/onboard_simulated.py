"""Onboarding at the simulated parties (`make run`): the simulator issues a credential in its own
process (its ``sim_credentials`` command under config.settings.sim) and the product stores it —
the same two steps an operator takes with a real party, without the copy and paste."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rebate.core import simulators
from rebate.integrations.credentials import store_issued


class Command(BaseCommand):
    help = "向模拟电子口岸、税务局、短信网关或汇率来源申领接入凭证并登记（演示环境）"

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--customs-code")
        group.add_argument("--sms-account")
        group.add_argument("--rates-account")

    def handle(self, *args: Any, customs_code: str | None, sms_account: str | None,
               rates_account: str | None, **options: Any) -> None:  # fmt: skip
        given = (("--customs-code", customs_code), ("--sms-account", sms_account),
                 ("--rates-account", rates_account))  # fmt: skip
        option = next((name, value) for name, value in given if value)
        for party, account in store_issued(simulators.manage("sim_credentials", *map(str, option))):
            self.stdout.write(f"    已取得接入凭证：{party} / {account}")
