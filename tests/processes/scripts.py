"""Steps the process tests run inside a database of their own (one subprocess per call).

    python -m tests.processes.scripts '[["seed"], ["job", "core.import"], ["fingerprint"]]'

prints one JSON list with each step's answer. The environment names the database
(DATABASE_URL) and the var directory (REBATE_VAR_DIR), as for `serve` and the workers.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import django

PERIOD = "202609"
NEXT = (date(2026, 10, 1), date(2026, 10, 31))
APPS = ("configuration", "customs", "goods", "declarations")
# Values that differ between two equal runs: keys (PostgreSQL's sequences move on in a rolled
# back transaction; so do plain *_id columns holding them), times (every DateTimeField), where
# a file was written.
VOLATILE = ("id", "package_path")


def _world() -> tuple[Any, Any]:
    from rebate.accounts.models import Enterprise, User

    enterprise = Enterprise.objects.get(customs_code="4403960T01")
    return enterprise, User.objects.filter(enterprise=enterprise).first()


def seed() -> dict[str, Any]:
    """The integration world with its 计划分配率 on file, September collected and summarised:
    every job kind can run (生成 is refused after a check with 不可跳过 problems)."""
    from rebate.mdt import services as mdt_services
    from tests.integration.conftest import seed_world
    from tests.integration.test_full_chain import collect, planned_rate_on_file

    world = seed_world()
    planned_rate_on_file(world)
    collect(world, PERIOD, date(2026, 9, 1), date(2026, 9, 30))
    mdt_services.summary_generate(
        enterprise=world.enterprise,
        actor=world.clerk,
        period=PERIOD,
        vat_transfer_out=Decimal("0.00"),
        ending_credit=None,  # row 17 from the VAT return filed at the bureau (Art. 15)
    )
    return {"enterprise": world.enterprise.pk}


def principals_xlsx(count: int) -> bytes:
    """An import file of `count` 委托企业 with valid, distinct 纳税人识别号."""
    from openpyxl import Workbook

    from rebate.accounts.tests.factories import make_uscc

    book = Workbook(write_only=True)
    sheet = book.create_sheet("导入数据")
    sheet.append(["企业名称", "纳税人识别号", "联系人"])
    for n in range(count):
        sheet.append([f"委托企业{n:05d}", make_uscc(n + 1), "张三"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def job(kind: str, rows: int = 3000) -> int:
    """Queue one job of `kind` as its page would (the worker runs it)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rebate.configuration.records import PRINCIPAL
    from rebate.core.import_views import import_job_create
    from rebate.core.jobs import job_create
    from rebate.customs.tasks import download_job_create

    enterprise, clerk = _world()
    if kind == "core.import":
        upload = SimpleUploadedFile("委托企业.xlsx", principals_xlsx(rows))
        return import_job_create(PRINCIPAL, enterprise=enterprise, actor=clerk, upload=upload).pk
    if kind == "customs.download":
        return download_job_create(
            enterprise=enterprise, actor=clerk, date_from=NEXT[0], date_to=NEXT[1]
        ).pk
    params: dict[str, Any] = {"family": "mdt", "period": PERIOD}
    if kind == "declarations.generate":
        params["card_no"] = clerk.card.card_no
    return job_create(enterprise=enterprise, actor=clerk, kind=kind, label=kind, params=params).pk


def jobs() -> list[dict[str, Any]]:
    from rebate.core.models import Job

    return list(Job.objects.order_by("pk").values("pk", "kind", "status", "message", "result"))


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime, Decimal)):
        return str(value)
    return value


def fingerprint() -> dict[str, str]:
    """Per table of the product's data: a digest of its rows without keys and times."""
    from django.apps import apps

    digests: dict[str, str] = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if f.name not in VOLATILE
                and not f.name.endswith("_id")
                and not f.is_relation
                and f.get_internal_type() != "DateTimeField"
            ]
            rows = sorted(
                json.dumps([_plain(v) for v in row], ensure_ascii=False, default=str)
                for row in model._default_manager.values_list(*names)
            )
            text = "\n".join(rows).encode()
            digests[model._meta.label] = f"{len(rows)}:{hashlib.sha256(text).hexdigest()[:16]}"
    return digests


ERP_CARD = "CK4403960002"


def erp_client(card_file: str) -> dict[str, str]:
    """An ERP's user of the world's enterprise: its card issued as a key file, an API token."""
    from pathlib import Path

    from rebate.accounts.services import card_bind
    from rebate.accounts.tests.factories import make_user
    from rebate.api import services as api_services
    from tests.integration.conftest import CARD_PIN, issue_card_file

    enterprise, _ = _world()
    user = make_user(enterprise, with_card=False)
    issue_card_file(Path(card_file), card_no=ERP_CARD)
    card_bind(user=user, card_no=ERP_CARD, signed=None)
    _, token = api_services.token_create(user=user, name="ERP同步示例")
    return {"token": token, "pin": CARD_PIN}


STEPS = {
    "seed": seed, "job": job, "jobs": jobs, "fingerprint": fingerprint, "erp_client": erp_client,
}  # fmt: skip


def main() -> None:
    django.setup()
    answers = [STEPS[name](*args) for name, *args in json.loads(sys.argv[1])]
    print(json.dumps(answers, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
