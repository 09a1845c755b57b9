"""下载汇率 from the command line (`make run` calls it): the rate source's central parities."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rebate.codes import services

DEFAULT_START = date(2023, 1, 1)


class Command(BaseCommand):
    help = "从汇率来源（中国外汇交易中心）下载人民币汇率中间价。可重复执行：已有且相同的不变。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", type=date.fromisoformat,
                            default=DEFAULT_START, help="开始日期 YYYY-MM-DD")  # fmt: skip
        parser.add_argument("--to", dest="date_to", type=date.fromisoformat, default=None,
                            help="结束日期 YYYY-MM-DD（默认今天）")  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        date_to = options["date_to"] or date.today()
        try:
            summary = services.exchange_rates_download(
                date_from=options["date_from"], date_to=date_to, actor=None
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(
            f"    人民币汇率中间价 {options['date_from']}至{date_to}：新增 {summary.created} 条，"
            f"修改 {summary.changed} 条，未变 {summary.unchanged} 条"
        )
