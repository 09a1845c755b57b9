"""Issue API credentials at the simulated parties (run under the simulators' own settings).

    manage.py sim_credentials --customs-code 4403960D01   # e-port and bureau, for an enterprise
    manage.py sim_credentials --sms-account ckts          # the product's SMS gateway account
    manage.py sim_credentials --rates-account ckts        # the product's rate-source account

Prints one JSON document {"account": …, "credentials": {party: token}} that the product's
``store_credentials`` command reads from stdin. Each run issues new secrets (the old stop working).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sim.access.credentials import issue
from sim.customs.models import Enterprise as EportEnterprise
from sim.taxbureau.models import Enterprise as BureauEnterprise


class Command(BaseCommand):
    help = "签发模拟电子口岸、税务局或短信网关的接入凭证（JSON输出）"

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--customs-code", help="已在模拟电子口岸与税务局登记的企业")
        group.add_argument("--sms-account", help="短信网关的接入账号（产品本身）")
        group.add_argument("--rates-account", help="汇率来源的接入账号（产品本身）")

    @transaction.atomic
    def handle(self, *args: Any, customs_code: str | None, sms_account: str | None,
               rates_account: str | None, **options: Any) -> None:  # fmt: skip
        own = ("sms", sms_account) if sms_account else ("rates", rates_account)
        if own[1]:
            party, account = own[0], str(own[1])
            issued = {"account": account, "credentials": {party: issue(party, account)}}
        else:
            code = str(customs_code)
            if not EportEnterprise.objects.filter(customs_code=code).exists():
                raise CommandError(f"企业{code}未在模拟电子口岸登记（先运行 sim_enterprise）")
            if not BureauEnterprise.objects.filter(customs_code=code).exists():
                raise CommandError(f"企业{code}未在模拟税务局备案（先运行 sim_enterprise）")
            tokens = {party: issue(party, code) for party in ("customs", "taxbureau")}
            issued = {"account": code, "credentials": tokens}
        self.stdout.write(json.dumps(issued, ensure_ascii=False))
