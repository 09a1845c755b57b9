"""With the database task backend (as `make run`): deliveries wait for the worker, which sends
them, books the retry after a failure, and the tick books itself once."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from rebate.webhooks.choices import DeliveryStatus, Event
from rebate.webhooks.events import emit
from rebate.webhooks.models import WebhookDelivery
from rebate.webhooks.tasks import deliver, tick_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker runs in the test's transaction here; its between-tasks check would close that
    # connection (autocommit is off inside the test), which a separate worker process never shares.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)


def test_the_worker_sends_and_books_the_retry(
    database_tasks, clerk, hook, receiver, django_capture_on_commit_callbacks
) -> None:
    receiver.answer(500, "稍后再试")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        (delivery,) = emit(clerk.enterprise, Event.BATCH_APPROVED, {})
    assert receiver.requests == []  # nothing sent in the caller's process
    queued = DBTaskResult.objects.get(task_path=deliver.module_path)
    assert queued.status == TaskResultStatus.READY and queued.args_kwargs["args"] == [delivery.pk]
    run_worker()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING and len(receiver.requests) == 1
    retry = DBTaskResult.objects.get(task_path=deliver.module_path, status="READY")
    assert retry.run_after == delivery.next_attempt_at  # booked for when the backoff ends
    run_worker()  # not due yet: the worker leaves it
    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().attempts == 1


def test_schedule_books_one_self_renewing_tick(database_tasks) -> None:
    call_command("webhooks_tick", schedule=True)
    call_command("webhooks_tick", schedule=True)  # make run again: still one
    booked = DBTaskResult.objects.filter(task_path=tick_task.module_path)
    assert booked.count() == 1
    run_worker()
    assert booked.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
    assert booked.filter(status=TaskResultStatus.READY).count() == 1  # the next one, later


def test_without_deferred_tasks_the_command_says_to_use_cron(capsys) -> None:
    call_command("webhooks_tick", schedule=True)
    assert "请用 cron 定时运行 webhooks_tick" in capsys.readouterr().out
    call_command("webhooks_tick")
    assert "重新发送0条到期消息，生成0条定时事件" in capsys.readouterr().out
