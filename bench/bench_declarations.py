"""Benchmark of the declaration lifecycle (issue 8) on one period of N 明细表 lines.

    python bench/bench_declarations.py [--lines N]        # default 100,000

Targets for 100,000 lines: 数据一致性检查 < 30 s (floor: the lines and the rules' inputs read by
raw SQL, rebate.calc.checks.run_checks over them, the run and its problems inserted raw),
生成汇总数据 < 10 s (floor: bench.floors.summary_floor — the gates and the VAT return read, one
exact SQL aggregate of the four columns, calc's rows, the summary inserted raw),
生成申报数据 < 30 s with flat memory (floor: bench.floors.package_floor — the lines joined by one
UPDATE, read back raw, written with lxml xmlfile while hashed, copied with a signature; resident
memory must grow far less than holding the lines would take), the simulated
self-check (数据自检 upload + the bureau's checks + 自检状态查询 reading the doubts) < 60 s.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    BENCH_DIR,
    Row,
    backend,
    lines_main,
    measure,
    setup_django,
    simulators_in_process,
)

SCALES = {"small": 10_000, "medium": 100_000, "large": 100_000}
PERIOD = "202610"
TARGETS = {"consistency": 30.0, "summary": 10.0, "package": 30.0, "self_check": 60.0}
FLAT_MEMORY_MB = 64.0
ENDING_CREDIT = Decimal("1000000.00")


def world() -> Any:
    from django.conf import settings

    from rebate.accounts.tests.cards import bind_local_card
    from rebate.accounts.tests.factories import make_enterprise, make_user
    from rebate.codes.choices import CodeTable
    from rebate.codes.services.reference import load_customs_table

    settings.MEDIA_ROOT = BENCH_DIR / "media"
    from rebate.codes.models import ExchangeRate

    load_customs_table(CodeTable.UNIT)
    load_customs_table(CodeTable.CURRENCY)
    ExchangeRate.objects.bulk_create(  # 缺少汇率 is 不可跳过 and would refuse 生成汇总数据
        ExchangeRate(currency="USD", on_date=dt.date(2026, 10, day), rate=Decimal("7.1"),
                     source="manual")
        for day in range(1, 29)
    )  # fmt: skip
    enterprise = make_enterprise(customs_code="4403960B01")
    user = make_user(enterprise, with_card=False)
    bind_local_card(user, "CK4403960B01")  # the clerk's browser is this process
    return user


def fill_lines(enterprise: Any, count: int) -> None:
    """N collected lines with calc's computed columns (bulk insert: setup, not measured)."""
    from rebate.goods.models import ExportLine
    from rebate.goods.services import compute_columns

    batch: list[Any] = []
    for n in range(count):
        usd = Decimal(f"{(n * 7919) % 90_000 + 100}.{n % 100:02d}")
        batch.append(ExportLine(
            enterprise=enterprise, period=PERIOD, sequence_no=f"{n + 1:06d}",
            item_key=f"{530120260000000000 + n:018d}001", export_date=dt.date(2026, 10, 1 + n % 28),
            commodity_code="8501109990", commodity_name="微电机", unit="台",
            quantity=Decimal(100 + n % 50), fob_usd=usd, fob_cny=(usd * Decimal("7.1")).quantize(Decimal("0.01")),
            levy_rate=Decimal("0.13"), rebate_rate=Decimal("0.13") if n % 3 else Decimal("0.10"),
            invoice_no=f"26440000000{n:09d}", trade_mode="0110",
        ))  # fmt: skip
        if len(batch) == 5000:
            compute_columns(batch)
            ExportLine.objects.bulk_create(batch)
            batch = []
    if batch:
        compute_columns(batch)
        ExportLine.objects.bulk_create(batch)


def bench_consistency(user: Any, count: int) -> Row:
    from bench.floors import consistency_floor
    from rebate.declarations import services

    floor = consistency_floor(user.enterprise.pk, PERIOD)
    with measure() as m:
        run = services.consistency_check(enterprise=user.enterprise, actor=user, family="mdt",
                                         period=PERIOD)  # fmt: skip
    return Row("数据一致性检查", count, m.seconds, m.peak_mb, f"< {TARGETS['consistency']:.0f} s",
               m.seconds < TARGETS["consistency"], floor,
               notes=f"{run.issue_count} problems (customs records absent: comparison skipped); "
               "floor: raw SELECT of the lines and rates, run_checks, raw INSERT")  # fmt: skip


def bench_summary(user: Any, count: int) -> Row:
    from bench.floors import summary_floor
    from rebate.mdt import services as mdt_services

    floor = summary_floor(user.enterprise, PERIOD, Decimal("0.00"))
    with measure() as m:
        mdt_services.summary_generate(enterprise=user.enterprise, actor=user,
                                      period=PERIOD, vat_transfer_out=Decimal("0.00"),
                                      ending_credit=ENDING_CREDIT)  # fmt: skip
    return Row("生成汇总数据", count, m.seconds, m.peak_mb, f"< {TARGETS['summary']:.0f} s",
               m.seconds < TARGETS["summary"], floor,
               notes="floor: the gates and the previous 汇总表 read raw, the VAT return asked "
               "of the bureau, one exact aggregate of the four columns (integer cents on "
               "SQLite), calc's rows, the summary inserted raw")  # fmt: skip


def bench_package(user: Any, count: int) -> tuple[Row, Any]:
    from bench.floors import package_floor
    from rebate.declarations.tests.factories import generate_signed

    floor = package_floor(user.enterprise.pk, PERIOD, BENCH_DIR)
    with measure(sample_rss=True) as m:  # the job's unsigned package, then the card's signature
        batch = generate_signed(user, PERIOD)
    ok = m.seconds < TARGETS["package"] and m.peak_mb < FLAT_MEMORY_MB
    row = Row("生成申报数据", count, m.seconds, m.peak_mb,
              f"< {TARGETS['package']:.0f} s, peak < {FLAT_MEMORY_MB:.0f} MB", ok, floor,
              notes=f"{batch.package_size / 2**20:.1f} MB package written, then copied with its "
              "signature; peak = growth of resident memory (sampled)")  # fmt: skip
    return row, batch


def bench_self_check(user: Any, batch: Any, count: int) -> Row:
    from django.test import TestCase

    from bench.floors import self_check_floor
    from rebate.declarations import services
    from rebate.declarations.storage import read
    from sim.taxbureau import tasks
    from sim.taxbureau.models import Submission

    e = user.enterprise
    checking: list[float] = []  # the bureau's check, its task run on the upload's commit
    with measure() as m, mock.patch.object(tasks, "complete_self_check", timed(checking)):
        with TestCase.captureOnCommitCallbacks(execute=True), measure() as sent:
            services.batch_self_check(enterprise=e, actor=user, batch_id=batch.pk)
        with measure() as read_back:
            services.batch_refresh(enterprise=e, actor=user, batch_id=batch.pk)
    batch.refresh_from_db()
    submission = Submission.objects.filter(digest=batch.package_digest).latest("id")
    floor = self_check_floor(read(batch.package_path), PERIOD, submission.pk)
    checks = sum(checking)
    upload = sent.seconds - checks
    return Row("数据自检（模拟税局）", count, m.seconds, m.peak_mb, f"< {TARGETS['self_check']:.0f} s",
               m.seconds < TARGETS["self_check"] and batch.status in ("checked", "blocked"),
               floor,
               notes=f"{batch.get_status_display()}, {batch.doubts.count()} doubts read in; "
               f"upload + the bureau's receipt (XSD, digest, signature, stored) {upload:.1f} s, "
               f"its checks (the floor's work: one parse, rules, doubts inserted) {checks:.1f} s, "
               f"自检状态查询 (doubts written as XML, validated, inserted) {read_back.seconds:.1f} s",
               extra={"upload_s": round(upload, 2), "checks_s": round(checks, 2),
                      "read_back_s": round(read_back.seconds, 2)})  # fmt: skip


def timed(seconds: list[float]) -> Callable[[int], None]:
    """The bureau's complete_self_check, its wall time appended to ``seconds``."""
    from sim.taxbureau.intake import complete_self_check

    def run(submission_id: int) -> None:
        with measure() as m:
            complete_self_check(submission_id)
        seconds.append(m.seconds)

    return run


def at_the_bureau(user: Any) -> None:
    """The enterprise registered at customs and the bureau, with its card and the period's filed
    增值税纳税申报表 (生成申报数据 of a 2026 period refuses without it), the clients routed to the
    in-process simulators."""
    from sim.customs.registry import register_card, register_enterprise
    from sim.taxbureau import registry as bureau
    from sim.taxbureau.models import VatReturn

    e = user.enterprise
    register_enterprise(customs_code=e.customs_code, uscc=e.uscc, name=e.name, district="5301")
    held = bureau.register_enterprise(customs_code=e.customs_code, uscc=e.uscc, name=e.name,
                                      category=3, filed_on=dt.date(2020, 1, 1),
                                      planned_allocation_rate=None)  # fmt: skip
    zero = Decimal("0.00")
    VatReturn.objects.create(enterprise=held, period=PERIOD, filed_on=dt.date(2026, 11, 15),
                             output_tax=zero, input_tax=zero, opening_credit=zero,
                             ending_credit=ENDING_CREDIT, tax_payable=zero)  # fmt: skip
    register_card(customs_code=e.customs_code, card_no=user.card.card_no,
                  public_key_pem=user.card.public_key_pem)  # fmt: skip
    simulators_in_process(e.customs_code)


def seeded(
    scale: str | int, scales: dict[str, int], fill: Callable[[Any, int], None]
) -> tuple[Any, int]:
    """The bench enterprise's clerk on a fresh database with ``fill``'s lines, and their count."""
    count = scales[scale] if isinstance(scale, str) else int(scale)
    setup_django()
    user = world()
    fill(user.enterprise, count)
    return user, count


def run(scale: str | int = "medium") -> list[dict[str, Any]]:
    user, count = seeded(scale, SCALES, fill_lines)
    at_the_bureau(user)
    rows = [progress(bench_consistency(user, count)), progress(bench_summary(user, count))]
    package, batch = bench_package(user, count)
    rows += [progress(package), progress(bench_self_check(user, batch, count))]
    return [{"backend": backend(), **r.as_dict()} for r in rows]


def progress(row: Row) -> Row:
    """Each row as soon as it is measured (stderr), so a slow later step loses nothing."""
    print(json.dumps(row.as_dict(), ensure_ascii=False, default=str), file=sys.stderr, flush=True)
    return row


def main() -> int:
    return lines_main(__doc__, run, SCALES["medium"])


if __name__ == "__main__":
    sys.exit(main())
