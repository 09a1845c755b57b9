from typing import Any

from django.core.management.base import BaseCommand

from rebate.accounts.demo import ensure_demo


class Command(BaseCommand):
    help = "Create the demo enterprise, its users (demo / manager / auditor) and the demo card."

    def handle(self, *args: Any, **options: Any) -> None:
        enterprise = ensure_demo()
        self.stdout.write(f"    演示企业：{enterprise.name}（{enterprise.customs_code}）")
