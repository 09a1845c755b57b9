"""Standing rules that may hold back 生成申报数据 of a family: a filing waived (备案 › 放弃业务), a
备案 withdrawn, a due 进料加工核销 missing. They belong to the families that know them; each
registers a check here, and the engine asks all of them without naming any.

A check answers with notices: a warning is shown on the 生成申报数据 page ahead of time; a
refusal also stops ``batch_generate`` with its message (which must name the rule and its date).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from rebate.accounts.models import Enterprise

    from .families import Family


@dataclass(frozen=True)
class GateNotice:
    message: str
    refuses: bool = False


GateCheck = Callable[["Enterprise", "Family", str, date], Iterable[GateNotice]]
_checks: list[GateCheck] = []


def register_gate(check: GateCheck) -> GateCheck:
    """Add ``check(enterprise, family, period, today)``; usable as a decorator; idempotent."""
    if check not in _checks:
        _checks.append(check)
    return check


def gate_notices(
    enterprise: Enterprise, family: Family, period: str, today: date
) -> list[GateNotice]:
    return [notice for check in _checks for notice in check(enterprise, family, period, today)]


def refuse_if_gated(enterprise: Enterprise, family: Family, period: str, today: date) -> None:
    refusals = [n.message for n in gate_notices(enterprise, family, period, today) if n.refuses]
    if refusals:
        raise ValidationError("；".join(refusals))
