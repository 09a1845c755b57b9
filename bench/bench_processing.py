"""Benchmark of 进料加工核销 (issue 16): 实际分配率 and adjustments for 1,000 manuals with 100,000
customs records, from the database.

    python bench/bench_processing.py [--manuals 1000]

The product's operation is 生成核销表 (services.writeoffs_prefill): one 核销 row per manual of
the year's 加贸反馈, its 实际分配率 from the manual's customs records by 监管方式 plus the 调整表,
the 已申报出口额 under the manual grouped by rates and the two adjustments (rebate.calc.
allocation), validated and written. Target < 10 s. Floor: the same reads (records, corrections,
declared lines), the DOMAIN §5.2/§5.3 arithmetic as a bare Decimal loop and an executemany of
the same rows, in one transaction; the product / floor ratio is the cost of its structure.

Data: MANUALS manuals of one enterprise, 100 records each in the §5.2 mix, 10 declared
进料加工 lines per manual (rates 0.65/0.60, one 红字冲减) and one 调整表 row per 10 manuals.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    Row,
    executemany_batched,
    insert_sql,
    lines_main,
    measure,
    setup_django,
)

TARGET_S = 10.0
RECORDS_PER_MANUAL = 100
LINES_PER_MANUAL = 10
SCALES = {"small": 200, "medium": 1000, "large": 1000}
# (I/E, 监管方式, share ‰ of the manual's exports): about 60 % imports, the §5.2 mix
MIX = (
    ("E", "0615", 700), ("E", "0715", 250), ("I", "0615", 600), ("I", "0654", 40),
    ("E", "0654", 20), ("I", "0657", 10), ("E", "0657", 5), ("I", "0700", 5), ("E", "0700", 5),
    ("E", "0664", 10), ("E", "0864", 3), ("I", "0844", 4), ("E", "4600", 6), ("I", "4600", 6),
    ("I", "0110", 30),  # a mode no list names: ignored
)  # fmt: skip
CENT, MICRO = Decimal("0.01"), Decimal("0.000001")


def manual_no(n: int) -> str:
    return f"C4403{n:07d}"


def seed(enterprise: Any, manuals: int) -> float:
    from django.db import transaction

    from rebate.goods.tests.factories import export_line_input
    from rebate.processing.models import CustomsAdjustment, FeedbackManual, FeedbackRecord

    start = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    with transaction.atomic():
        FeedbackManual.objects.bulk_create(
            FeedbackManual(
                enterprise=enterprise, year="2025", manual_no=manual_no(n),
                valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2025, 6, 30),
                writeoff_date=dt.date(2025, 7, 25), import_total=Decimal("0.00"),
                export_total=Decimal("0.00"), actual_rate=Decimal("0.6"), source="bench",
            )
            for n in range(manuals)
        )  # fmt: skip
        ids = dict(FeedbackManual.objects.values_list("manual_no", "id"))
        names = ["enterprise", "created_at", "updated_at", "manual", "direction", "entry_id",
                 "g_no", "trade_mode", "amount_cny"]  # fmt: skip
        rows = (
            (enterprise.pk, now, now, ids[manual_no(n)], d, f"5301202510{n:04d}{k:04d}", 1, m,
             Decimal(1000 * per_mille + (n * 7 + k) % 997) / 100)
            for n in range(manuals)
            for k in range(RECORDS_PER_MANUAL)
            for d, m, per_mille in (MIX[k % len(MIX)],)
        )  # fmt: skip
        executemany_batched(insert_sql(FeedbackRecord, names), rows)
        _declared_lines(enterprise, manuals, export_line_input)
        CustomsAdjustment.objects.bulk_create(
            CustomsAdjustment(
                enterprise=enterprise, period="202604", sequence_no=f"{n:04d}",
                manual_no=manual_no(n), direction="E", entry_id=f"530120259{n:09d}", g_no=1,
                trade_mode="0615", amount_cny=Decimal("1500.00"), reason="出口金额漏录",
            )
            for n in range(0, manuals, 10)
        )  # fmt: skip
    return time.perf_counter() - start


def _declared_lines(enterprise: Any, manuals: int, line_input: Any) -> None:
    from rebate.goods.models import ExportLine
    from rebate.goods.services import export_lines_create

    inputs = [
        line_input(
            period="202503", handbook_no=manual_no(n), trade_mode="0615",
            item_key=f"53042025{n:06d}{k:04d}001", export_date=dt.date(2025, 3, 5),
            allocation_rate=Decimal("0.65") if k % 2 else Decimal("0.60"),
            levy_rate=Decimal("0.13"), rebate_rate=Decimal("0.09"),
            fob_cny=Decimal("-5000.00") if k == 9 else Decimal(50000 + n + k),
            fob_usd=Decimal("-700.00") if k == 9 else Decimal(7000 + k),
        )
        for n in range(manuals)
        for k in range(LINES_PER_MANUAL)
    ]  # fmt: skip
    export_lines_create(enterprise=enterprise, actor=None, lines=inputs)
    ExportLine.objects.filter(enterprise=enterprise).update(status="declared")


def _round(value: Decimal, step: Decimal) -> Decimal:
    return value.quantize(step, ROUND_HALF_UP)


ADDS_I = {"0615", "0654", "0657", "0700", "0715", "1215"}
REDUCES_I_BY_E = {"0657", "0664", "0700", "0864", "0200"}
REDUCES_I_BY_I = {"0644", "0844"}
ADDS_E = {"0615", "0654", "0715", "1215", "4600"}
REDUCES_E_BY_I = {"4600"}


def floor(enterprise: Any) -> tuple[float, dict[str, Decimal]]:
    """The same reads, the §5.2/§5.3 arithmetic in a bare loop, executemany of the rows."""
    from django.db import transaction

    from rebate.goods.models import ExportLine
    from rebate.processing.models import CustomsAdjustment, FeedbackManual, FeedbackRecord

    start = time.perf_counter()
    with transaction.atomic():
        manuals = list(
            FeedbackManual.objects.filter(enterprise=enterprise, year="2025").values_list(
                "id", "manual_no", "valid_from", "valid_to"
            )
        )
        totals: dict[Any, list[Decimal]] = {}
        by_id = {pk: no for pk, no, _, _ in manuals}
        records = FeedbackRecord.objects.filter(enterprise=enterprise).values_list(
            "manual_id", "direction", "trade_mode", "amount_cny"
        )
        corrections = CustomsAdjustment.objects.filter(enterprise=enterprise).values_list(
            "manual_no", "direction", "trade_mode", "amount_cny"
        )
        stream = [(by_id[m], d, t, a) for m, d, t, a in records.iterator(chunk_size=10000)]
        for no, direction, mode, amount in [*stream, *corrections]:
            pair = totals.setdefault(no, [Decimal(0), Decimal(0)])
            if direction == "I":
                pair[0] += amount if mode in ADDS_I else 0
                pair[0] -= amount if mode in REDUCES_I_BY_I else 0
                pair[1] -= amount if mode in REDUCES_E_BY_I else 0
            else:
                pair[0] -= amount if mode in REDUCES_I_BY_E else 0
                pair[1] += amount if mode in ADDS_E else 0
        declared: dict[str, dict[tuple[Decimal, Decimal, Decimal], Decimal]] = {}
        lines = ExportLine.objects.filter(enterprise=enterprise, status="declared").values_list(
            "handbook_no", "allocation_rate", "levy_rate", "rebate_rate", "fob_cny"
        )
        for no, planned, levy, rebate, fob in lines.iterator(chunk_size=10000):
            groups = declared.setdefault(no, {})
            groups[(planned, levy, rebate)] = groups.get((planned, levy, rebate), 0) + fob
        now = dt.datetime.now(dt.UTC)
        rows, row_8, row_14 = [], Decimal(0), Decimal(0)
        for n, (_, no, start_date, end_date) in enumerate(manuals, start=1):
            imports, exports = totals[no]
            rate = _round(imports / exports, MICRO)
            refund = non_creditable = fob_sum = Decimal(0)
            for (planned, levy, rebate), fob in declared.get(no, {}).items():
                over = fob * (planned - rate)
                refund += over * rebate
                non_creditable += over * (levy - rebate)
                fob_sum += fob
            refund, non_creditable = _round(refund, CENT), _round(non_creditable, CENT)
            row_8 += non_creditable
            row_14 += refund
            rows.append((enterprise.pk, now, now, "202604", f"{n:04d}", "collected", no,
                         start_date, end_date, imports, exports, rate, fob_sum, refund,
                         non_creditable))  # fmt: skip
        names = ["enterprise", "created_at", "updated_at", "period", "sequence_no", "status",
                 "manual_no", "start_date", "end_date", "import_total", "export_total",
                 "actual_rate", "declared_exports", "refund_adjustment",
                 "non_creditable_adjustment"]  # fmt: skip
        from rebate.processing.models import Writeoff

        executemany_batched(insert_sql(Writeoff, names), rows)
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)  # the product writes the same rows afterwards
    return seconds, {"8": row_8, "14": row_14}


def run(manuals: int) -> list[dict[str, Any]]:
    setup_django()
    from bench.common import backend
    from rebate.accounts.tests.factories import make_enterprise
    from rebate.processing import services
    from rebate.processing.models import Writeoff

    enterprise = make_enterprise(customs_code="4403960B01")
    seed_s = seed(enterprise, manuals)
    records = manuals * RECORDS_PER_MANUAL
    floor_s, floor_rows = floor(enterprise)
    with measure(sample_rss=True) as m:
        made = services.writeoffs_prefill(enterprise=enterprise, actor=None, period="202604",
                                          year="2025")  # fmt: skip
    rows_8 = sum((w.non_creditable_adjustment for w in Writeoff.objects.all()), Decimal(0))
    rows_14 = sum((w.refund_adjustment for w in Writeoff.objects.all()), Decimal(0))
    agree = (rows_8, rows_14) == (floor_rows["8"], floor_rows["14"]) and len(made) == manuals
    rows = [
        Row("seed (bulk inserts)", records, seed_s, notes="setup, not a target"),
        Row("bare loop (floor)", records, floor_s, notes=f"{manuals} manuals"),
        Row(
            f"生成核销表 {manuals} manuals / {records} records", records, m.seconds,
            peak_mem_mb=m.peak_mb, target=f"< {TARGET_S:.0f} s", floor_seconds=floor_s,
            passed=m.seconds < TARGET_S and agree,
            notes=f"rows 8/14 {rows_8}/{rows_14} {'= floor' if agree else '≠ floor'}",
        ),
    ]  # fmt: skip
    return [{"backend": backend(), **r.as_dict()} for r in rows]


def run_for_scale(scale: str) -> list[dict[str, Any]]:
    return run(SCALES[scale])


if __name__ == "__main__":
    raise SystemExit(lines_main(__doc__, run, SCALES["medium"]))
