"""The SAMPLE rate library of the demo: built from the 2020 commodity list, never law.

退税率 = 征税率 (the list's 增值税率), except the groups of DOMAIN §11.3, which get dated rows
around their change date. The numbers there are marked [unverified]: they are demo data only.
A user replaces this library by importing the official 出口退税率文库.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from rebate.calc.sample_rates import SAMPLE_START, changes_for
from rebate.codes.choices import CodeTable, SpecialFlag
from rebate.codes.models import (
    OPEN_END,
    Commodity,
    CustomsCode,
    RateEntry,
    RateLibraryVersion,
)
from rebate.codes.services.ratelib import make_active
from rebate.codes.services.reference import BATCH

# A new version whenever the sample's dated rows change: activating it re-flags the
# undeclared lines whose rate moved (codes.extensions.library_activated).
SAMPLE_VERSION = "SAMPLE2026"
SAMPLE_NOTE = "样例文库（由2020年商品编码生成，退税率=征税率，非官方数据，仅供演示与测试）"
ZERO = Decimal(0)


# 8541430000 (PV modules) is a 2022 HS code, absent from the 2020 list; added so that the demo
# can show the code DOMAIN §11.3 names.
EXTRA_CODES: tuple[tuple[str, str, Decimal, str, date], ...] = (
    ("8541430000", "已装在组件内或组装成块的光电池（2022年版编码，样例补充）", Decimal("0.13"),
     "035", date(2022, 1, 1)),
)  # fmt: skip


def _entries(code: str, name: str, vat: Decimal, unit: str, start: date) -> list[RateEntry]:
    """The code's rows: one per step in force from ``start`` on, each ending the day before
    the next step (the last open-ended)."""
    rows = [
        RateEntry(
            code=code, name=name, unit_code=unit, levy_rates=f"{vat.normalize():f}",
            levy_rate=vat, rebate_rate=vat, valid_from=start, valid_to=OPEN_END,
            special_flag=SpecialFlag.EXEMPT if vat == ZERO else "", note="样例",
        )
    ]  # fmt: skip
    for change in changes_for(code):
        last = rows[-1]
        if change.effective > last.valid_from:
            last.valid_to = change.effective - timedelta(days=1)
            last = RateEntry(
                code=code, name=name, unit_code=unit, levy_rates=last.levy_rates,
                levy_rate=vat, valid_from=change.effective, valid_to=OPEN_END,
            )  # fmt: skip
            rows.append(last)
        last.rebate_rate = change.rebate_rate
        flag = SpecialFlag.NO_REFUND if change.no_refund else ""
        last.special_flag = flag or (last.special_flag if last is rows[0] else "")
        last.note = change.note
    return rows


def sample_entries(commodities: Iterable[Commodity], unit_names: dict[str, str]) -> list[RateEntry]:
    entries: list[RateEntry] = []
    for item in commodities:
        entries.extend(_entries(item.code, item.name, item.vat_rate, item.first_unit, SAMPLE_START))
    for code, name, vat, unit, start in EXTRA_CODES:
        entries.extend(_entries(code, name, vat, unit, start))
    for entry in entries:
        entry.unit = unit_names.get(entry.unit_code, "")
    return entries


def load_sample_library() -> tuple[RateLibraryVersion, bool]:
    """Create the SAMPLE library once; activate it when no other library is active."""
    with transaction.atomic():
        library = RateLibraryVersion.objects.filter(version=SAMPLE_VERSION).first()
        created = library is None
        if library is None:
            commodities = Commodity.objects.filter(
                table_version__table=CodeTable.COMMODITY,
                table_version__current=True,
                removed=False,
            ).order_by("code")
            units = dict(
                CustomsCode.objects.filter(
                    table=CodeTable.UNIT, table_version__current=True
                ).values_list("code", "name")
            )
            library = RateLibraryVersion.objects.create(
                version=SAMPLE_VERSION, is_sample=True, note=SAMPLE_NOTE, source_name="样例"
            )
            entries = sample_entries(commodities, units)
            for entry in entries:
                entry.library = library
            RateEntry.objects.bulk_create(entries, batch_size=BATCH)
            library.row_count = len(entries)
            library.save(update_fields=["row_count"])
        active = RateLibraryVersion.objects.filter(active=True).first()
        # A newer sample replaces an older one (never an imported official library).
        if active is None or (active.is_sample and active.pk != library.pk):
            make_active(library)
    return library, created
