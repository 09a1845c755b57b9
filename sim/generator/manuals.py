"""Processing-trade manuals (进料加工手册) and their import/export records.

An enterprise with a history of four months or more gets an older manual that customs has
written off (核销) and a current one; shorter histories get only the current one. Imports are
booked each month at about the planned allocation rate of that month's processing exports,
so the 实际分配率 customs computes is close to, not equal to, the planned one.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from rebate.calc.allocation import planned_rate
from rebate.calc.money import round_amount
from rebate.calc.periods import Period
from sim.customs import models as customs

from .customs_month import GeneratedDeclaration
from .manual_mix import mixed_records
from .profile import enterprise_hash

PLANNED_IMPORTS = Decimal("6500000.00")
PLANNED_EXPORTS = Decimal("10000000.00")
PROCESSING_MODES = ("0615", "0715")
WRITEOFF_AFTER_DAYS = 25


def manual_number(customs_code: str, year: int, index: int) -> str:
    return (
        f"C{customs_code[:4]}{year % 100:02d}{enterprise_hash(customs_code) % 100:02d}{index:03d}"
    )


def ensure_manuals(enterprise: customs.Enterprise, months: list[Period]) -> list[customs.Manual]:
    """The enterprise's manuals for the generated range (created once, then reused)."""
    existing = list(enterprise.manuals.order_by("valid_from"))
    if existing:
        return existing
    first, last = months[0], months[-1]
    manuals = []
    current_start = first.first_day
    if len(months) >= 4:
        old_end = months[len(months) // 2 - 1].last_day
        manuals.append(
            customs.Manual(
                enterprise=enterprise,
                manual_no=manual_number(enterprise.customs_code, first.year, 1),
                valid_from=first.first_day,
                valid_to=old_end,
                planned_import_total=PLANNED_IMPORTS,
                planned_export_total=PLANNED_EXPORTS,
                status="核销",
                writeoff_date=old_end + timedelta(days=WRITEOFF_AFTER_DAYS),
            )
        )
        current_start = old_end + timedelta(days=1)
    manuals.append(
        customs.Manual(
            enterprise=enterprise,
            manual_no=manual_number(enterprise.customs_code, current_start.year, 2),
            valid_from=current_start,
            valid_to=last.plus_months(12).last_day,
            planned_import_total=PLANNED_IMPORTS,
            planned_export_total=PLANNED_EXPORTS,
            status="执行",
        )
    )
    return customs.Manual.objects.bulk_create(manuals)


def manual_on(manuals: list[customs.Manual], day: date) -> customs.Manual | None:
    return next((m for m in manuals if m.valid_from <= day <= m.valid_to), None)


def planned_allocation_rate() -> Decimal:
    return planned_rate(PLANNED_IMPORTS, PLANNED_EXPORTS)


def book_month(
    manuals: list[customs.Manual], declarations: list[GeneratedDeclaration], rng: random.Random
) -> None:
    """Export records for the month's processing items, plus the matching imports."""
    by_manual = {manual.manual_no: manual for manual in manuals}
    records: list[customs.ManualRecord] = []
    exported: dict[str, Decimal] = {}
    for generated in declarations:
        head = generated.head
        manual = by_manual.get(head.manual_no)
        if manual is None or head.trade_mode not in PROCESSING_MODES:
            continue
        for item in generated.items:
            records.append(
                customs.ManualRecord(
                    manual=manual,
                    ie_flag="E",
                    entry_id=head.entry_id,
                    g_no=item.g_no,
                    trade_mode=head.trade_mode,
                    ie_date=head.ie_date,
                    amount_cny=item.fob_cny,
                    code_ts=item.code_ts,
                )
            )
            exported[manual.manual_no] = exported.get(manual.manual_no, Decimal(0)) + item.fob_cny
    for manual_no, total in sorted(exported.items()):
        manual = by_manual[manual_no]
        share = planned_allocation_rate() * Decimal(rng.randint(90, 105)) / 100
        day = manual.valid_from if not declarations else declarations[0].head.ie_date
        records.append(
            customs.ManualRecord(
                manual=manual,
                ie_flag="I",
                entry_id=f"5301{day.year}1{rng.randint(0, 10**9 - 1):09d}",
                g_no=1,
                trade_mode="0615",
                ie_date=day,
                amount_cny=round_amount(total * share),
            )
        )
        records.extend(mixed_records(manual, day, total))
    customs.ManualRecord.objects.bulk_create(records, batch_size=5000)
