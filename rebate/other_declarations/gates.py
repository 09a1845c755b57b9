"""Standing rule of 其他申报 on 生成申报数据 (declarations.gates): proceeds still not collected
after their 收汇截止日期 are shown as a warning on the generate pages of this family and of a
family with 数据一致性检查 (免抵退), since such exports get no refund (公告2026年第5号 第48条,
DOMAIN §10/§16). A warning, not a refusal: the other lines of the period may still be declared."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rebate.accounts.models import Enterprise
from rebate.declarations.families import Family, Step
from rebate.declarations.gates import GateNotice, register_gate

from . import KEY, models


def overdue_proceeds(enterprise: Enterprise, today: date) -> list[models.ProceedsReceipt]:
    return list(
        models.ProceedsReceipt.objects.filter(
            enterprise=enterprise, received_on__isnull=True, deemed_reason="",
            receipt_deadline__lt=today,
        ).order_by("receipt_deadline", "entry_id")
    )  # fmt: skip


@register_gate
def proceeds_overdue_gate(
    enterprise: Enterprise, family: Family, period: str, today: date
) -> Iterator[GateNotice]:
    if family.key != KEY and not family.has(Step.CONSISTENCY):
        return
    rows = overdue_proceeds(enterprise, today)
    if rows:
        first = rows[0]
        deadline = first.receipt_deadline.isoformat() if first.receipt_deadline else ""
        yield GateNotice(
            f"收汇情况：{len(rows)}笔出口货物收汇截止日期已过仍未收汇且无视同收汇原因"
            f"（如报关单{first.entry_id}，截止{deadline}），逾期未收汇的出口货物不得办理退（免）税"
        )
