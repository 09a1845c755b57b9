"""python manage.py import_rate_library CMCODE2026B.zip [--version 2026B] [--no-activate]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rebate.codes.services import RateLibraryError, rate_library_import


class Command(BaseCommand):
    help = (
        "导入官方出口退税率文库（zip：cmcode.DBF，可含 stdcm.dbf + STDCM.FPT）。"
        "全部成功才保存；版本默认取自文件名（CMCODE2026B.zip → 2026B）。"
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # `--version V` names the library version here; it replaces Django's --version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="文库zip文件")
        parser.add_argument("--version", dest="library_version", default=None, help="文库版本")
        parser.add_argument(
            "--no-activate", action="store_true", help="导入后不启用（默认启用新版本）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            library = rate_library_import(
                path=options["path"],
                version=options["library_version"],
                activate=not options["no_activate"],
            )
        except RateLibraryError as exc:
            raise CommandError(f"导入失败，已有文库未作任何修改：{exc}") from exc
        state = "已启用" if library.active else "未启用"
        self.stdout.write(
            f"已导入退税率文库 {library.version}：{library.row_count} 条记录，{state}"
            f"{'；' + library.note if library.note else ''}"
        )
