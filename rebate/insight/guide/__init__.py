"""The doubt explainer's content as data: one ``DoubtGuide`` per code the checks can raise.

Built from DOMAIN §8.2 (the bureau's MDT_* pre-review rules) and §8.3 (the LOCAL_* client-side
checks), and the simulated bureau's review rules of 单证申报 (DZ_*) and 其他申报 (QT_*). For the
免抵退 codes level and 可跳过 are not repeated here: they come from the catalogue in
rebate.calc.checks, which a caller may re-level, so the page always shows the rule in force; the
other families' guides state them. Tests enumerate the catalogue and the bureau's rules and fail
on a code without a guide.
"""

from __future__ import annotations

from .certificates import CERTIFICATE_GUIDES
from .customs import CUSTOMS_GUIDES
from .entry import TABLE_LABELS, DoubtGuide
from .local import LOCAL_GUIDES
from .others import OTHER_GUIDES
from .package import PACKAGE_GUIDES

# The explainer's groups, in the order the index page lists them.
GROUPS: tuple[tuple[str, tuple[DoubtGuide, ...]], ...] = (
    ("免抵退税申报：与海关电子信息比对（税务机关预审）", CUSTOMS_GUIDES),
    ("免抵退税申报：本地数据检查（申报前自检）", LOCAL_GUIDES),
    ("申报数据包：税务机关自检", PACKAGE_GUIDES),
    ("单证申报：税务机关审核", CERTIFICATE_GUIDES),
    ("其他申报：税务机关审核", OTHER_GUIDES),
)
GUIDES: dict[str, DoubtGuide] = {g.code: g for _, guides in GROUPS for g in guides}
CUSTOMS_CODES = frozenset(g.code for g in CUSTOMS_GUIDES)  # the bureau's, against customs data


def guide_for(code: str) -> DoubtGuide | None:
    return GUIDES.get(code)


__all__ = ["CUSTOMS_CODES", "GROUPS", "GUIDES", "TABLE_LABELS", "DoubtGuide", "guide_for"]
