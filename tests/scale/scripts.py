"""Steps of the scale tests, run in a database of their own (as tests.processes.scripts):

python -m tests.scale.scripts '[["seed", 5], ["jobs_for_all"], ["jobs"]]'
"""

from __future__ import annotations

import functools
import io
import json
import sys
from datetime import date
from decimal import Decimal
from typing import Any

import django

from tests.processes.scripts import NEXT, PERIOD, principals_xlsx

KINDS = ["customs.download", "core.import", "declarations.consistency", "declarations.generate"]


def code_of(n: int) -> str:
    """The n-th enterprise's customs code (from 1): 4403960S01, S02, … skipping a code whose
    simulated 手册号 would repeat an earlier one's (the simulator numbers an enterprise's
    manuals by a two-digit hash of its code, which 50 enterprises collide on)."""
    return _codes()[n - 1]


@functools.cache
def _codes() -> list[str]:
    from sim.generator.profile import enterprise_hash

    codes, buckets = [], set()
    for letter in "STUVW":
        for n in range(1, 100):
            code = f"4403960{letter}{n:02d}"
            if enterprise_hash(code) % 100 not in buckets:
                buckets.add(enterprise_hash(code) % 100)
                codes.append(code)
    return codes


def seed(count: int) -> list[int]:
    """`count` enterprises, each a seeded simulator world with its 计划分配率 on file and
    September collected and summarised (every job kind can run for each, in any order)."""
    from django.core.management import call_command

    from rebate.accounts.tests.cards import bind_issued_card
    from rebate.accounts.tests.factories import make_enterprise, make_user
    from rebate.integrations.testing import onboard, onboard_rates
    from rebate.mdt import services as mdt_services
    from tests.integration.conftest import World
    from tests.integration.test_full_chain import collect, planned_rate_on_file

    call_command("load_reference_data", stdout=io.StringIO())
    onboard_rates()
    call_command("download_exchange_rates", "--from", "2025-01-01", stdout=io.StringIO())
    made = []
    for n in range(1, count + 1):
        code = code_of(n)
        enterprise = make_enterprise(customs_code=code, category="2")
        clerk = make_user(enterprise, with_card=False)
        call_command(
            "sim_seed", "--enterprise", code, "--months", "4", "--scale", "small",
            "--anomalies", "0.05", "--seed", str(n), "--uscc", enterprise.uscc,
            "--name", enterprise.name, "--category", "2", stdout=io.StringIO(),
        )  # fmt: skip
        onboard(code)
        bind_issued_card(clerk, f"CK44039600{n:02d}")
        world = World(enterprise, clerk, "")
        # 进料加工 lines take the 计划分配率 on file, so 数据一致性检查 leaves 生成 possible.
        planned_rate_on_file(world)
        collect(world, PERIOD, date(2026, 9, 1), date(2026, 9, 30))
        mdt_services.summary_generate(
            enterprise=enterprise, actor=clerk, period=PERIOD,
            vat_transfer_out=Decimal("0.00"),
            ending_credit=None,  # row 17 from the VAT return filed at the bureau (Art. 15)
        )  # fmt: skip
        made.append(enterprise.pk)
    return made


def job(kind: str, code: str) -> int:
    """Queue one job of `kind` for the enterprise as its page would (a worker runs it)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rebate.accounts.models import Enterprise, User
    from rebate.configuration.records import PRINCIPAL
    from rebate.core.import_views import import_job_create
    from rebate.core.jobs import job_create
    from rebate.customs.tasks import download_job_create

    enterprise = Enterprise.objects.get(customs_code=code)
    clerk = User.objects.filter(enterprise=enterprise).first()
    if kind == "core.import":
        upload = SimpleUploadedFile("委托企业.xlsx", principals_xlsx(50))
        return import_job_create(PRINCIPAL, enterprise=enterprise, actor=clerk, upload=upload).pk
    if kind == "customs.download":
        return download_job_create(
            enterprise=enterprise, actor=clerk, date_from=NEXT[0], date_to=NEXT[1]
        ).pk
    params: dict[str, Any] = {"family": "mdt", "period": PERIOD}
    if kind == "declarations.generate":
        params["card_no"] = clerk.card.card_no
    return job_create(enterprise=enterprise, actor=clerk, kind=kind, label=kind, params=params).pk


def jobs_for(count: int, rounds: int = 1) -> list[int]:
    """Every kind for each of `count` enterprises, interleaved (enterprise 1's four, then 2's…)."""
    codes = [code_of(n) for _ in range(rounds) for n in range(1, count + 1)]
    return [job(kind, code) for code in codes for kind in KINDS]


def jobs() -> list[dict[str, Any]]:
    from rebate.core.models import Job

    return list(
        Job.objects.order_by("pk").values(
            "pk", "kind", "status", "message", "attempts", "worker", "enterprise__customs_code"
        )
    )


def effects() -> dict[str, Any]:
    """What the jobs left, per enterprise: batches generated, consistency runs, 委托企业 rows."""
    from rebate.accounts.models import Enterprise
    from rebate.configuration.models import Principal
    from rebate.declarations.models import ConsistencyRun, DeclarationBatch

    found: dict[str, Any] = {}
    for enterprise in Enterprise.objects.order_by("customs_code"):
        found[enterprise.customs_code] = {
            "batches": DeclarationBatch.objects.filter(enterprise=enterprise).count(),
            "runs": ConsistencyRun.objects.filter(enterprise=enterprise).count(),
            "principals": Principal.objects.filter(enterprise=enterprise).count(),
        }
    return found


def queue() -> list[str]:
    """The statuses of the queue's own rows (django_tasks_db), sorted."""
    from django_tasks_db.models import DBTaskResult

    return sorted(DBTaskResult.objects.values_list("status", flat=True))


def clerks() -> list[str]:
    from rebate.accounts.models import User

    return list(User.objects.order_by("pk").values_list("username", flat=True))


STEPS = {
    "seed": seed,
    "clerks": clerks,
    "job": job,
    "jobs_for": jobs_for,
    "jobs": jobs,
    "effects": effects,
    "queue": queue,
}


def main() -> None:
    django.setup()
    answers = [STEPS[name](*args) for name, *args in json.loads(sys.argv[1])]
    print(json.dumps(answers, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
