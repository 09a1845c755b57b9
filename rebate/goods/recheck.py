"""A new 退税率文库 version re-flags the undeclared 明细 lines it affects (DOMAIN §11.3).

When the version made active gives another 征税率/退税率 on a line's 出口日期 than the version
before, the line's ``recheck_reason`` says so (old → new), its ``updated_at`` moves (so a draft
汇总数据 of its period is stale) and the next 数据一致性检查 compares it with the new rates.
Lines inside a batch or declared are never altered; a 冲减 line follows its original.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from rebate.calc.checks.model import RED_LETTER
from rebate.codes.selectors import AmbiguousCode, RateNotFound, rate_lookup
from rebate.core.models import RecordStatus

from .models import ExportLine

Rates = tuple[Decimal, Decimal] | None


def _rates(code: str, on: date, version: str) -> Rates:
    try:
        row = rate_lookup(code, on, version=version)
    except (RateNotFound, AmbiguousCode):
        return None
    return row.levy_rate, row.rebate_rate


def _shown(rates: Rates) -> str:
    return "无" if rates is None else f"征{rates[0].normalize():f} 退{rates[1].normalize():f}"


@transaction.atomic
def flag_changed_rates(previous: str, new: str) -> int:
    """Flag the undeclared lines whose rates on their 出口日期 differ between the versions."""
    # "HZCJ" also matches HZCJ-TY: neither kind of 冲减 is re-flagged.
    lines = ExportLine.objects.filter(
        declaration_batch_id__isnull=True, status=RecordStatus.COLLECTED
    ).exclude(business_types__contains=RED_LETTER)
    pairs = set(lines.values_list("commodity_code", "export_date").distinct())
    changed: dict[tuple[str, date], str] = {}
    for code, on in pairs:
        before, after = _rates(code, on, previous), _rates(code, on, new)
        if before != after:
            changed[(code, on)] = (
                f"退税率文库{new}调整了{on.isoformat()}的税率（{previous}：{_shown(before)} → "
                f"{new}：{_shown(after)}），请返填税率并重新进行数据检查"
            )
    now, flagged = timezone.now(), 0
    for (code, on), reason in changed.items():
        flagged += lines.filter(commodity_code=code, export_date=on).update(
            recheck_reason=reason[:300], updated_at=now
        )
    return flagged
