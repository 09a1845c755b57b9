"""Extensions of the 申报期限 (DOMAIN §9) that a family grants, read by the deadline checks.

其他申报 (rebate.other_declarations) provides them once a 无相关电子信息申报 is approved; a
family never imports another, so the 免抵退 数据一致性检查 asks here. Without a provider there
is no extension.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from rebate.accounts.models import Enterprise

# (enterprise, 报关单号 or 21-digit item keys) → 报关单号 (18 digits) → the extended 申报期限
ExtensionSource = Callable[[Enterprise, Iterable[str]], Mapping[str, date]]
_sources: list[ExtensionSource] = []


def provide_deadline_extensions(source: ExtensionSource) -> None:
    if source not in _sources:
        _sources.append(source)


def deadline_extensions(enterprise: Enterprise, keys: Iterable[str]) -> dict[str, date]:
    """报关单号 → the latest extended 申报期限 any provider grants for it."""
    wanted = list(keys)
    found: dict[str, date] = {}
    for source in _sources:
        for entry_id, extended in source(enterprise, wanted).items():
            found[entry_id] = max(extended, found.get(entry_id, extended))
    return found


# (previous version, new version) of the 出口退税率文库 just made active → re-flag what it
# changes. Reference data is shared, so a listener covers every enterprise's rows.
LibraryListener = Callable[[str, str], object]
_listeners: list[LibraryListener] = []


def provide_library_listener(listener: LibraryListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def library_activated(previous: str, new: str) -> None:
    """goods re-flags its undeclared lines whose rate on their 出口日期 changed."""
    for listener in _listeners:
        listener(previous, new)
