"""海外仓 (9810) exports of a generated enterprise: a few declarations under 监管方式 9810 whose
明细 lines carry 业务类型 HWC-YT (pre-refunded at export, 公告2025年第3号), in the history months
of June and December — declared at the bureau with the rest of the month, so the bureau's own
list of unreconciled pre-refunded lines has rows (a December export is past its 核对期限, the
April filing day after it, by the generator's anchor).

Each month draws from its own random stream: the month's other declarations stay what they were.
"""

from __future__ import annotations

import random

from .customs_month import (
    SLOTS_PER_MONTH,
    GeneratedDeclaration,
    MonthContext,
    declaration,
    fob_rows,
)

OVERSEAS_MODE = "9810"  # 跨境电商出口海外仓
PREREFUND_TYPE = "HWC-YT"  # 业务类型 of its 明细 lines
OVERSEAS_MONTHS = (6, 12)
ITEMS = 2  # per declaration


def overseas_declarations(ctx: MonthContext, seed: int) -> list[GeneratedDeclaration]:
    """One 9810 declaration of ``ITEMS`` items for a June or December history month."""
    if ctx.period.month not in OVERSEAS_MONTHS:
        return []
    key = f"{seed}:{ctx.enterprise.customs_code}:{ctx.period}:9810"
    own = MonthContext(ctx.enterprise, ctx.period, ctx.scale, random.Random(key), {})
    generated = declaration(own, SLOTS_PER_MONTH - 1)  # the month's last entry-id slot
    while len(generated.items) < ITEMS:  # a one-item draw: draw again from the same stream
        generated = declaration(own, SLOTS_PER_MONTH - 1)
    head = generated.head
    head.trade_mode, head.cut_mode, head.manual_no = OVERSEAS_MODE, "101", ""
    head.contr_no = f"HWC{ctx.period}01"
    generated.items = generated.items[:ITEMS]
    fob_rows(head, generated.items, ctx.rates)
    return [generated]
