"""Everything `make run` needs before serving, each step idempotent.

Steps are management commands. Product steps run here; simulator steps run in the simulators'
own process and database (rebate.core.simulators), and the product's onboarding and demo steps
reach the simulators' server over HTTP, which runs for the duration. A product step whose
command is not installed is skipped with a note, so the list can name what later apps add.
It lives in the shell (rebate.web, the top layer) because it reaches into the apps below it
(accounts' demo cards); the kernel may not (pyproject's layers contract).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from rebate.accounts.demo import DEMO_CARD_PIN, demo_card_issues
from rebate.core import simulators

DEMO_CODE = "4403960D01"
# The demo users' phones (rebate.accounts.demo): handsets at the SMS simulator, for 忘记密码.
DEMO_PHONES = ("13800000001", "13800000002", "13800000003")

SIMULATED_WORLD: tuple[tuple[str, ...], ...] = (
    ("sim_seed", "--enterprise", DEMO_CODE, "--name", "深圳市示范电子科技有限公司",
     "--uscc", "91440300MA5DEMQ01H", "--months", "12", "--scale", "medium",
     "--anomalies", "0.03", "--seed", "2026", "--overseas", "--once"),
)  # fmt: skip

STEPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("load_reference_data", (), "参考数据（海关参数、商品编码、退税率文库样例）"),
    # Rates as in reality: downloaded from the rate source (here the simulated one), which
    # customs' monthly rate comes from too.
    ("onboard_simulated", ("--rates-account", "ckts"), "汇率来源接入凭证"),
    ("download_exchange_rates", ("--from", "2023-01-01"), "人民币汇率中间价（从汇率来源下载）"),
    # The demo enterprise's credentials first: binding reads its cards from the e-port.
    ("onboard_simulated", ("--customs-code", DEMO_CODE), "电子口岸与税务局接入凭证"),
    ("onboard_simulated", ("--sms-account", "ckts"), "短信网关接入凭证"),
    ("create_demo", (), "演示企业、用户与IC卡"),
    # Its 9810 海外仓 lines declared before this system (sim_seed --overseas), from the bureau.
    ("demo_overseas", (), "演示企业海外仓出口货物核对数据"),
    # The periodic tick of 消息推送 (due retries, 申报期限临近), booked once in the worker.
    ("webhooks_tick", ("--schedule",), "消息推送定时任务"),
)


class Command(BaseCommand):
    help = "Load reference data, create the demo enterprise and seed the simulators (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        port = settings.SIMULATOR_PORT
        if port is None:
            raise CommandError("演示数据只用于模拟外部机构（config.settings.demo / dev）")
        self.stdout.write("  模拟外部机构数据库 …")
        simulators.manage("migrate", "--noinput", "-v", "0")
        for arguments in SIMULATED_WORLD:
            self.stdout.write("  模拟海关与税务局数据 …")
            self.stdout.write(simulators.manage(*arguments).rstrip())
        for arguments in demo_card_issues():
            simulators.manage(*arguments)
        self.stdout.write(f"  模拟电子口岸发卡：{settings.CARD_FILES_DIR}（PIN {DEMO_CARD_PIN}）")
        for number in DEMO_PHONES:
            simulators.manage("sim_phone", "--number", number, "--pin", settings.DEMO_PHONE_PIN)
        self.stdout.write(f"  模拟手机：{', '.join(DEMO_PHONES)}（解锁密码见 var/demo-phone-pin）")
        with simulators.running(port):
            self._product_steps()

    def _product_steps(self) -> None:
        available = get_commands()
        for name, arguments, label in STEPS:
            if name not in available:
                self.stdout.write(f"  跳过：{label}（{name} 尚未提供）")
                continue
            self.stdout.write(f"  {label} …")
            call_command(name, *arguments)
