"""Onboard an enterprise into the simulated outside world: e-port registration and 备案.

An operator (or a test) runs this for an enterprise registered in the product that the generator
has not seeded, so that its cards can be registered and its packages accepted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from sim.customs import registry as eport
from sim.taxbureau import registry as bureau

DEFAULT_DISTRICT = "5316"


class Command(BaseCommand):
    help = "Register an enterprise at the simulated e-port and tax bureau (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--customs-code", required=True)
        parser.add_argument("--uscc", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--category", type=int, default=3)
        parser.add_argument("--filed-on", type=date.fromisoformat, default=date(2020, 1, 1))

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        code, uscc, name = options["customs_code"], options["uscc"], options["name"]
        eport.register_enterprise(
            customs_code=code, uscc=uscc, name=name, district=DEFAULT_DISTRICT
        )
        bureau.register_enterprise(
            customs_code=code,
            uscc=uscc,
            name=name,
            category=options["category"],
            filed_on=options["filed_on"],
            planned_allocation_rate=None,
        )
        self.stdout.write(f"已在模拟电子口岸与税务局登记：{name}（{code}）")
