"""python manage.py rate_lookup CODE --date YYYY-MM-DD: one JSON object, exit 1 if none applies."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rebate.codes.selectors import RateNotFound, rate_lookup


def _date(value: str) -> date:
    return date.fromisoformat(value)


class Command(BaseCommand):
    help = "查询商品代码在某日适用的征税率与退税率（启用的文库版本），输出一个JSON对象。"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # `--version V` names the library version here; it replaces Django's --version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="商品代码（10位或更长）")
        parser.add_argument("--date", type=_date, default=None, help="日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--version", dest="library_version", default=None, help="文库版本")

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["date"] or date.today()
        try:
            row = rate_lookup(options["code"], on, version=options["library_version"])
        except RateNotFound as exc:  # AmbiguousCode included: its message names the children
            self.stderr.write(str(exc))
            sys.exit(1)
        self.stdout.write(json.dumps(row.as_json(), ensure_ascii=False))
