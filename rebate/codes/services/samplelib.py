"""The SAMPLE rate library of the demo: built from the 2020 commodity list, never law.

退税率 = 征税率 (the list's 增值税率), except the groups of DOMAIN §11.3, which get dated rows
around their change date. The numbers there are marked [unverified]: they are demo data only.
A user replaces this library by importing the official 出口退税率文库.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

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
SAMPLE_START = date(2020, 1, 1)
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class SampleChange:
    """From ``effective`` on, codes starting with one of ``prefixes`` get ``rebate_rate``."""

    prefixes: tuple[str, ...]
    effective: date
    rebate_rate: Decimal
    note: str
    special_flag: str = ""


PV = ("8541402000", "8541430000")
BATTERIES = ("850760",)  # 锂离子蓄电池 850760xxxx
ALUMINIUM_COPPER = ("7604", "7606", "7407", "7408", "7409", "7410", "7411")
N2024_15 = "参照财政部 税务总局公告2024年第15号"
N2026_2 = "参照财政部 税务总局公告2026年第2号"

# Dated steps, several per group where the law changed more than once (DOMAIN §16); a group's
# steps are applied in date order. The 2027-01-01 battery step lies in the future on purpose.
SAMPLE_CHANGES: tuple[SampleChange, ...] = (
    SampleChange(
        PV, date(2024, 12, 1), Decimal("0.09"), f"光伏电池/组件 退13%→9%（样例，{N2024_15}）",
    ),
    SampleChange(PV, date(2026, 4, 1), ZERO, f"光伏电池/组件 取消退税（样例，{N2026_2}）"),
    SampleChange(
        BATTERIES, date(2024, 12, 1), Decimal("0.09"),
        f"锂离子蓄电池 退13%→9%（样例，{N2024_15}）",
    ),
    SampleChange(
        BATTERIES, date(2026, 4, 1), Decimal("0.06"), f"锂离子蓄电池 退9%→6%（样例，{N2026_2}）",
    ),
    SampleChange(BATTERIES, date(2027, 1, 1), ZERO, f"锂离子蓄电池 取消退税（样例，{N2026_2}）"),
    SampleChange(
        ALUMINIUM_COPPER, date(2024, 12, 1), ZERO, f"铝材、铜材 取消退税（样例，{N2024_15}）",
    ),
    SampleChange(
        ("7208", "7209", "7210", "7211", "7212"), date(2021, 5, 1), ZERO,
        "部分钢铁产品 取消退税（样例，参照2021年5月1日起调整）",
    ),
    SampleChange(
        ("2710",), SAMPLE_START, ZERO, "成品油 出口不退税（样例）", SpecialFlag.NO_REFUND,
    ),
)  # fmt: skip

# 8541430000 (PV modules) is a 2022 HS code, absent from the 2020 list; added so that the demo
# can show the code DOMAIN §11.3 names.
EXTRA_CODES: tuple[tuple[str, str, Decimal, str, date], ...] = (
    ("8541430000", "已装在组件内或组装成块的光电池（2022年版编码，样例补充）", Decimal("0.13"),
     "035", date(2022, 1, 1)),
)  # fmt: skip


def _changes_for(code: str) -> list[SampleChange]:
    return sorted(
        (change for change in SAMPLE_CHANGES if code.startswith(change.prefixes)),
        key=lambda change: change.effective,
    )


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
    for change in _changes_for(code):
        last = rows[-1]
        if change.effective > last.valid_from:
            last.valid_to = change.effective - timedelta(days=1)
            last = RateEntry(
                code=code, name=name, unit_code=unit, levy_rates=last.levy_rates,
                levy_rate=vat, valid_from=change.effective, valid_to=OPEN_END,
            )  # fmt: skip
            rows.append(last)
        last.rebate_rate = change.rebate_rate
        last.special_flag = change.special_flag or (last.special_flag if last is rows[0] else "")
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
