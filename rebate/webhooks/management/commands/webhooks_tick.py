"""Send due webhook deliveries and the scheduled events (申报期限临近).

manage.py webhooks_tick             one pass now (for cron or a systemd timer)
manage.py webhooks_tick --schedule  book the self-renewing tick in the background worker,
                                    unless one is already booked (make run does this)
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from rebate.webhooks.tasks import tick, tick_task

# A tick running longer than this was taken down with its worker: book a new one.
STUCK_AFTER = datetime.timedelta(hours=1)


def _booked() -> bool:
    ticks = DBTaskResult.objects.filter(task_path=tick_task.module_path)
    running = Q(status=TaskResultStatus.RUNNING, started_at__gt=timezone.now() - STUCK_AFTER)
    return ticks.filter(Q(status=TaskResultStatus.READY) | running).exists()


class Command(BaseCommand):
    help = "发送到期的消息推送，并生成定时事件（申报期限临近）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schedule", action="store_true", help="在后台任务进程中定时执行")

    def handle(self, *args: Any, schedule: bool, **options: Any) -> None:
        if not schedule:
            result = tick()
            self.stdout.write(
                f"重新发送{result['resumed']}条到期消息，生成{result['emitted']}条定时事件"
            )
            return
        if not tick_task.get_backend().supports_defer:
            self.stdout.write("当前任务后端不支持定时任务，请用 cron 定时运行 webhooks_tick")
            return
        with transaction.atomic():
            if _booked():
                self.stdout.write("消息推送定时任务已在后台任务进程中")
                return
            tick_task.enqueue()
        self.stdout.write("已启动消息推送定时任务")
