"""The 核销 deadline (DOMAIN §5.3): the manuals customs wrote off last year are written off with
the bureau by 4月20日; until then 免抵退 declarations are suspended [recalled: 2013-12号 第二条].

A dated, configurable rule: ``WriteoffDeadline`` rows (settings.PROCESSING_WRITEOFF_DEADLINES
replaces the default), the newest in force on the day applies. Ahead of the date 生成申报数据 of
免抵退 warns; after it the rule's consequence holds (a refusal by default, or a warning only).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings

from rebate.accounts.models import Enterprise
from rebate.core.models import RecordStatus
from rebate.declarations.gates import GateNotice
from rebate.integrations.wire.package import BUSINESS_CODE as FREE_CREDIT_REFUND

from . import KEY

if TYPE_CHECKING:
    from rebate.declarations.families import Family


@dataclass(frozen=True, slots=True)
class WriteoffDeadline:
    valid_from: date  # the rule applies to declarations made from this day
    month: int = 4
    day: int = 20
    warn_days: int = 30  # the warning shows this many days ahead
    refuses: bool = True  # after the date: refuse 生成申报数据 (False: keep warning)

    def due_on(self, year: int) -> date:
        """The day of ``year`` by which last year's written-off manuals are declared."""
        return date(year, self.month, self.day)


DEFAULT_DEADLINES = (WriteoffDeadline(date(2013, 3, 13)),)  # 公告2013年第12号 [recalled]


def deadline_in_force(today: date) -> WriteoffDeadline | None:
    rules = getattr(settings, "PROCESSING_WRITEOFF_DEADLINES", DEFAULT_DEADLINES)
    current = [rule for rule in rules if rule.valid_from <= today]
    return max(current, key=lambda rule: rule.valid_from) if current else None


def due_manuals(enterprise: Enterprise, year: int) -> list[str]:
    """Manuals customs wrote off in ``year`` − 1 (加贸反馈) without a declared 核销."""
    from .models import FeedbackManual, Writeoff

    closed = FeedbackManual.objects.filter(enterprise=enterprise, writeoff_date__year=year - 1)
    declared = Writeoff.objects.filter(
        enterprise=enterprise, status=RecordStatus.DECLARED
    ).values_list("manual_no", flat=True)
    return sorted(set(closed.values_list("manual_no", flat=True)) - set(declared))


def writeoff_due(
    enterprise: Enterprise, family: Family, period: str, today: date
) -> Iterator[GateNotice]:
    """The engine's gate (rebate.declarations.gates) for 免抵退's 生成申报数据."""
    if family.key == KEY or not any(b.code == FREE_CREDIT_REFUND for b in family.businesses):
        return
    rule = deadline_in_force(today)
    if rule is None:
        return
    deadline = rule.due_on(today.year)
    if today < deadline - timedelta(days=rule.warn_days):
        return
    manuals = due_manuals(enterprise, today.year)
    if not manuals:
        return
    listed = "、".join(manuals[:10]) + ("等" if len(manuals) > 10 else "")
    when = f"{deadline.month}月{deadline.day}日"
    if today <= deadline:
        yield GateNotice(
            f"进料加工核销：手（账）册{listed}已于{today.year - 1}年经海关核销，"
            f"须在{today.year}年{when}前完成免抵退核销申报，逾期将暂停免抵退税申报"
        )
        return
    yield GateNotice(
        f"进料加工核销逾期：手（账）册{listed}未在{today.year}年{when}前完成免抵退核销申报"
        f"（核销期限规则自{rule.valid_from.isoformat()}起施行），完成核销申报前暂停免抵退税申报",
        refuses=rule.refuses,
    )
