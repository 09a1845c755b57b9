"""The VAT return comes first (国家税务总局公告2026年第5号 Art. 15): 免抵退 of a 所属期 is declared
after that period's 增值税纳税申报表 is filed, and the 汇总表's row 17 is its 期末留抵税额.

The bureau holds the filed return; it is read through the bureau port (never typed from memory).
That 生成申报数据 refuses without it is a dated rule (rebate.calc.mdt.vat_first, shared with the
bureau's review): 所属期 from 2026-01; earlier periods keep the old practice (row 17 typed).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from rebate.calc.mdt.vat_first import vat_return_first as rule_for
from rebate.calc.periods import Period
from rebate.declarations import ports
from rebate.declarations.gates import GateNotice
from rebate.integrations.http import PartyError
from rebate.integrations.taxbureau import VatReturn

from . import KEY


def fetch(enterprise: Any, period: str) -> tuple[VatReturn | None, str]:
    """(the filed return or None, why it could not be asked: "" when the bureau answered)."""
    try:
        return ports.bureau().vat_return(customs_code=enterprise.customs_code, period=period), ""
    except PartyError as error:
        return None, str(error)


def vat_return_first(
    enterprise: Any, family: Any, period: str, today: date
) -> Iterator[GateNotice]:
    """The engine's gate: a 2026+ 免抵退 period without its filed VAT return is refused."""
    if family.key != KEY or not period:
        return
    rule = rule_for(Period.parse(period))
    if rule is None:
        return
    filed, problem = fetch(enterprise, period)
    if filed is not None:
        return
    why = f"无法从税务局查询（{problem}）" if problem else "尚未申报"
    yield GateNotice(
        f"所属期{period}的增值税纳税申报表{why}：自{rule.from_period}所属期起，"
        f"须先申报增值税再申报免抵退税（{rule.source}），不能生成申报数据",
        refuses=True,
    )
