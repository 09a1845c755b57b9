"""The 明细表's official name by 所属期, a dated rule (DOMAIN §16 [verified: ssfb86 19617]).

国家税务总局公告2026年第5号 Art. 16 names the form
《生产企业出口货物及修理修配服务免抵退税申报明细表》 for periods from 2026-01; earlier periods keep
《生产企业出口货物劳务免抵退税申报明细表》. Screens, prints and labels take the name in force for
the period they show, so a list spanning the change shows both.
"""

from __future__ import annotations

from rebate.calc.periods import Period

# (first 所属期 the name applies to, name), oldest first; None = since always.
DETAIL_FORM_NAMES: tuple[tuple[Period | None, str], ...] = (
    (None, "生产企业出口货物劳务免抵退税申报明细表"),
    (Period(2026, 1), "生产企业出口货物及修理修配服务免抵退税申报明细表"),
)


def detail_form_name(period: str) -> str:
    """The 明细表's name for ``period`` (YYYYMM); the latest name when the period is blank."""
    if not period:
        return DETAIL_FORM_NAMES[-1][1]
    wanted = Period.parse(period)
    name = DETAIL_FORM_NAMES[0][1]
    for start, candidate in DETAIL_FORM_NAMES:
        if start is None or start <= wanted:
            name = candidate
    return name
