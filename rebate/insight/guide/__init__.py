"""The doubt explainer's content as data: one ``DoubtGuide`` per code the checks can raise.

Built from DOMAIN §8.2 (the bureau's MDT_* pre-review rules) and §8.3 (the LOCAL_* client-side
checks). Level and 可跳过 are not repeated here: they come from the catalogue in
rebate.calc.checks, which a caller may re-level, so the page always shows the rule in force.
A test enumerates the catalogue and fails on a code without a guide.
"""

from __future__ import annotations

from .customs import CUSTOMS_GUIDES
from .entry import TABLE_LABELS, DoubtGuide
from .local import LOCAL_GUIDES

GUIDES: dict[str, DoubtGuide] = {g.code: g for g in CUSTOMS_GUIDES + LOCAL_GUIDES}
CUSTOMS_CODES = frozenset(g.code for g in CUSTOMS_GUIDES)  # the bureau's, against customs data


def guide_for(code: str) -> DoubtGuide | None:
    return GUIDES.get(code)


__all__ = ["CUSTOMS_CODES", "GUIDES", "TABLE_LABELS", "DoubtGuide", "guide_for"]
