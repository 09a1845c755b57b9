"""python manage.py sim_seed --enterprise CODE --months N --scale S --anomalies R --seed S"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rebate.calc.identifiers import IdentifierError, validate_customs_code
from sim.generator.profile import DEFAULT_UNTIL, SCALES
from sim.generator.seed import SeedOptions, seed


class Command(BaseCommand):
    help = "生成模拟企业的海关报关单、加工贸易手册、发票、收汇及税务局电子信息（可重复、确定性）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enterprise", required=True, help="海关企业代码（10位）")
        parser.add_argument("--months", type=int, default=12)
        parser.add_argument("--scale", choices=sorted(SCALES), default="medium")
        parser.add_argument("--anomalies", type=float, default=0.03, help="疑点案例比例（0–1）")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--until", type=date.fromisoformat, default=DEFAULT_UNTIL,
                            help="生成此日期之前的N个整月（默认2026-11-01）")  # fmt: skip
        parser.add_argument("--once", action="store_true", help="企业已有生成数据时不做任何事")
        parser.add_argument("--name", default="", help="企业名称（默认由代码派生）")
        parser.add_argument("--uscc", default="", help="统一社会信用代码（默认由代码派生）")
        parser.add_argument("--category", type=int, choices=(1, 2, 3, 4), default=2)
        parser.add_argument(
            "--overseas", action="store_true", help="6月、12月历史所属期各含一份9810海外仓出口"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            code = validate_customs_code(options["enterprise"])
        except IdentifierError as error:
            raise CommandError(str(error)) from None
        if not 1 <= options["months"] <= 120:
            raise CommandError("--months 应在1至120之间")
        if not 0 <= options["anomalies"] <= 1:
            raise CommandError("--anomalies 应在0至1之间")
        started = time.perf_counter()
        report = seed(
            SeedOptions(
                customs_code=code, months=options["months"], scale=options["scale"],
                anomalies=options["anomalies"], seed=options["seed"], until=options["until"],
                once=options["once"], name=options["name"], uscc=options["uscc"],
                category=options["category"], overseas=options["overseas"],
            )
        )  # fmt: skip
        if report.skipped:
            self.stdout.write(f"    企业{code}已有模拟数据，跳过（--once）")
            return
        planted = ", ".join(f"{kind}×{n}" for kind, n in sorted(report.planted.items()))
        self.stdout.write(
            f"    企业{code}：{len(report.months)}个月，报关单{report.declarations}份，"
            f"商品项{report.items}项；待申报所属期{','.join(report.open_months)}；"
            f"疑点案例：{planted or '无'}（{time.perf_counter() - started:.1f}秒）"
        )
