from typing import Any

from django.core.management.base import BaseCommand

from rebate.accounts.demo import (
    DEMO_CARD_NO,
    DEMO_CARD_PIN,
    demo_card_file,
    ensure_demo,
)


class Command(BaseCommand):
    help = "Create the demo enterprise, its users (demo / manager / auditor) and the demo card."

    def handle(self, *args: Any, **options: Any) -> None:
        enterprise = ensure_demo()
        self.stdout.write(f"    演示企业：{enterprise.name}（{enterprise.customs_code}）")
        self.stdout.write(
            f"    演示IC卡：{demo_card_file(DEMO_CARD_NO)}（PIN {DEMO_CARD_PIN}，插卡时选择该文件）"
        )
