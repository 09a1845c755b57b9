"""python manage.py sim_send_reminders [--enterprise CODE]: the bureau's daily 出口退税业务提醒."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sim.taxbureau.models import Enterprise
from sim.taxbureau.reminders import send_reminders


class Command(BaseCommand):
    help = "向已开通出口退税业务提醒的企业发送提醒短信（即将逾期申报、收汇、单证备案）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enterprise", default="", help="海关企业代码（默认全部企业）")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = Enterprise.objects.all()
        if options["enterprise"]:
            rows = rows.filter(customs_code=options["enterprise"])
        sent = sum(send_reminders(enterprise) for enterprise in rows)
        self.stdout.write(f"已发送提醒短信{sent}条")
