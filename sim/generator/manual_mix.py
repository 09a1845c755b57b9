"""The other 监管方式 a processing-trade manual sees besides 0615/0715 (DOMAIN §5.2): 深加工结转
0654, 余料结转 0657, 料件退换 0700, 料件复出 0664, 边角料复出 0864 / 内销 0844 and 成品退换 4600,
booked each month in realistic shares of the month's processing exports, so that the
实际分配率 customs and the bureau compute uses every code list of the rule."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from rebate.calc.money import round_amount
from sim.customs import models as customs

# (I/E, 监管方式, share of the month's processing exports in ‰)
MIX = (
    ("I", "0654", 40), ("E", "0654", 20),
    ("I", "0657", 10), ("E", "0657", 5),
    ("I", "0700", 5), ("E", "0700", 5),
    ("E", "0664", 10), ("E", "0864", 3), ("I", "0844", 4),
    ("E", "4600", 6), ("I", "4600", 6),
)  # fmt: skip


def mixed_records(
    manual: customs.Manual, day: date, exported: Decimal
) -> list[customs.ManualRecord]:
    """One record per mode of ``MIX`` for the month, about its share of ``exported`` (RMB).
    Its own random stream (by manual and day): the rest of the generated world is unchanged."""
    rng = random.Random(f"{manual.manual_no}:{day.isoformat()}")
    records = []
    for flag, mode, per_mille in MIX:
        share = Decimal(per_mille * rng.randint(80, 120)) / 100000
        amount = round_amount(exported * share)
        if amount <= 0:
            continue
        entry_id = f"5301{day.year}{'1' if flag == 'I' else '0'}{rng.randint(0, 10**9 - 1):09d}"
        records.append(
            customs.ManualRecord(
                manual=manual, ie_flag=flag, trade_mode=mode, ie_date=day, g_no=1,
                entry_id=entry_id,
                amount_cny=amount,
            )
        )  # fmt: skip
    return records
