"""The standing rules of approved filings on 生成申报数据 (the engine's gate hook).

- 备案撤回 (A0103001) in force: no declaration of any other family (a new 备案 lifts it).
- 放弃出口退（免）税 (A0409004) from its 起始日期: no 退（免）税 declaration, until 恢复适用.
- 委托代办退税 (A0109001): the 外贸综合服务企业 declares the refunds; the enterprise's own
  退（免）税 declarations are refused until the 委托代办退税备案撤回 is approved.
- 放弃免税权 / 放弃零税率 (A0409002/3): a warning on the 退（免）税 declarations (the lines they
  concern — exempt goods, zero-rated services — are the clerk's to leave out).
A 放弃 whose 起始日期 is still ahead is a warning until that day; a 所属期 before the month of
its 起始日期 is not held back by it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from rebate.declarations.gates import GateNotice, register_gate

from . import content
from .choices import RefundMethod
from .models import Standing
from .records import FAMILY

# 退（免）税申报 businesses (DOMAIN §6.1; FORMS Part 2 §1)
REFUND_CODES = frozenset({"A0302001", "A0303001", "A0304001", "A0305001"})
WAIVERS = ("A0409002", "A0409003", "A0409004")
# 放弃 → 恢复适用: FORMS §3.5 (believed: 增值税暂行条例实施细则第36条, 财税〔2016〕36号)
WAITING_MONTHS = 36


def _declares_refunds(family: Any) -> bool:
    return any(b.code in REFUND_CODES for b in family.businesses)


def _message(row: Standing, today: datetime.date) -> tuple[str, bool]:
    started = f"{row.started_on:%Y-%m-%d}"
    reason = f"（{row.reason}）" if row.reason else ""
    if row.business_code == "A0103001":
        return (f"本企业已于{started}撤回出口退（免）税备案{reason}，不能生成申报数据；"
                "如需继续申报，请重新办理出口退（免）税备案", True)  # fmt: skip
    if row.business_code == "A0109001":
        return (f"本企业自{started}起委托{row.counterpart}代办退税，退（免）税申报由其办理，"
                "不能自行生成；撤回委托代办退税备案后方可申报", True)  # fmt: skip
    if row.started_on > today:
        return f"本企业将自{started}起{row.label}{reason}，届时不能申报相应的退（免）税", False
    if row.business_code == "A0409004":
        return (f"本企业已自{started}起放弃出口退（免）税{reason}，不能生成退（免）税申报数据；"
                f"{WAITING_MONTHS}个月后可申请恢复适用出口退（免）税", True)  # fmt: skip
    return f"本企业已自{started}起{row.label}{reason}，相应的出口货物劳务不得申报退（免）税", False


EXEMPT_CREDIT_REFUND = "A0305001"  # 生产企业免抵退税申报: only under the 免抵退 计算方法


@register_gate
def refund_method_rule(
    enterprise: Any, family: Any, period: str, today: datetime.date
) -> Iterator[GateNotice]:
    """The 备案's 出口货物退（免）税计算方法 decides the refund declaration offered: under 免退税
    (外贸企业的方法) 免抵退税申报 is refused."""
    if not any(b.code == EXEMPT_CREDIT_REFUND for b in family.businesses):
        return
    if content.in_force(enterprise).get("refund_method") == RefundMethod.EXEMPT_REFUND:
        message = "本企业备案的出口货物退（免）税计算方法为免退税，不能申报生产企业免抵退税"
        yield GateNotice(f"{message}；计算方法有误的，请先办理备案变更", refuses=True)


@register_gate
def standing_rules(
    enterprise: Any, family: Any, period: str, today: datetime.date
) -> Iterator[GateNotice]:
    if family.key == FAMILY:
        return
    live = Standing.objects.for_enterprise(enterprise).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=today)
    )
    for row in live.order_by("started_on", "id"):
        if row.business_code != "A0103001" and not _declares_refunds(family):
            continue
        if row.business_code in WAIVERS and period and period < f"{row.started_on:%Y%m}":
            continue  # exports of a 所属期 before the waiver keep their refund
        message, refuses = _message(row, today)
        yield GateNotice(message, refuses=refuses)
