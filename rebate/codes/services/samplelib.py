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
from rebate.codes.services.reference import BATCH

SAMPLE_VERSION = "SAMPLE2020"
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


SAMPLE_CHANGES: tuple[SampleChange, ...] = (
    SampleChange(
        ("8541402000", "8541430000"), date(2024, 12, 1), Decimal("0.09"),
        "光伏电池/组件 退13%→9%（样例，参照财政部 税务总局公告2024年第15号）",
    ),
    SampleChange(
        ("8507600090",), date(2024, 12, 1), Decimal("0.09"),
        "锂离子蓄电池 退13%→9%（样例，参照财政部 税务总局公告2024年第15号）",
    ),
    SampleChange(
        ("7604", "7606", "7407", "7408", "7409", "7410", "7411"), date(2024, 12, 1), ZERO,
        "铝材、铜材 取消退税（样例，参照财政部 税务总局公告2024年第15号）",
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


def _change_for(code: str) -> SampleChange | None:
    for change in SAMPLE_CHANGES:
        if code.startswith(change.prefixes):
            return change
    return None


def _entries(code: str, name: str, vat: Decimal, unit: str, start: date) -> list[RateEntry]:
    base = RateEntry(
        code=code,
        name=name,
        unit_code=unit,
        levy_rates=f"{vat.normalize():f}",
        levy_rate=vat,
        rebate_rate=vat,
        valid_from=start,
        valid_to=OPEN_END,
        special_flag=SpecialFlag.EXEMPT if vat == ZERO else "",
        note="样例",
    )
    change = _change_for(code)
    if change is None:
        return [base]
    if change.effective <= start:
        base.rebate_rate = change.rebate_rate
        base.special_flag = change.special_flag or base.special_flag
        base.note = change.note
        return [base]
    base.valid_to = change.effective - timedelta(days=1)
    after = RateEntry(
        code=code,
        name=name,
        unit_code=unit,
        levy_rates=base.levy_rates,
        levy_rate=vat,
        rebate_rate=change.rebate_rate,
        valid_from=change.effective,
        valid_to=OPEN_END,
        special_flag=change.special_flag,
        note=change.note,
    )
    return [base, after]


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
        if not RateLibraryVersion.objects.filter(active=True).exists():
            library.active = True
            library.save(update_fields=["active"])
    return library, created
