"""Everything `make run` needs before serving, each step idempotent.

Steps are management commands contributed by the apps; a step whose command is not installed
is skipped with a note, so the list can name what later apps add.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

STEPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("load_reference_data", (), "参考数据（海关参数、商品编码、退税率文库样例、汇率）"),
    # The simulated world first: the demo cards are registered with its e-port card authority.
    (
        "sim_seed",
        (
            "--enterprise",
            "4403960D01",
            "--name",
            "深圳市示范电子科技有限公司",
            "--uscc",
            "91440300MA5DEMQ01H",
            "--months",
            "12",
            "--scale",
            "medium",
            "--anomalies",
            "0.03",
            "--seed",
            "2026",
            "--once",
        ),
        "模拟海关与税务局数据",
    ),
    ("create_demo", (), "演示企业、用户与IC卡"),
)


class Command(BaseCommand):
    help = "Load reference data, create the demo enterprise and seed the simulators (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        available = get_commands()
        for name, arguments, label in STEPS:
            if name not in available:
                self.stdout.write(f"  跳过：{label}（{name} 尚未提供）")
                continue
            self.stdout.write(f"  {label} …")
            call_command(name, *arguments)
