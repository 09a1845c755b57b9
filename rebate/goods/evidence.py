"""Certificates (证明) that count in the 出口退税 forms, provided by the family that applies for
them (单证申报 registers its lookup on start; goods, customs and 免抵退 read them through here
and never name it): which certificates an export item has, and their 证明编号 once issued.

A 红字冲减-退运 line needs an issued 出口货物退运已补税（未退税）证明 for its item (免抵退's
MDT_CKHW_BGD_HZCJ_TY check); the 报关单 pages list an item's certificates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rebate.accounts.models import Enterprise

RETURNED_GOODS = "A0201005"  # 出口货物退运已补税（未退税）证明 (DOMAIN §6.1)


@dataclass(frozen=True, slots=True)
class Certificate:
    """One certificate applied for on an export item (21-digit item_key)."""

    business_code: str
    label: str
    item_key: str
    status: str  # 已采集 / 已生成申报数据 / 已正式申报 / 已开具
    number: str = ""  # the bureau's 证明编号, once issued
    issued_on: date | None = None
    returned_fob_cny: Decimal | None = None  # 退运人民币离岸价 of a 退运证明

    @property
    def issued(self) -> bool:
        return bool(self.number)


Lookup = Callable[[Enterprise, Sequence[str]], Mapping[str, Sequence[Certificate]]]
_lookups: list[Lookup] = []


def provide_certificates(lookup: Lookup) -> None:
    """Registered by the family that holds the certificates (once, on start)."""
    if lookup not in _lookups:
        _lookups.append(lookup)


def certificates_for(
    enterprise: Enterprise, item_keys: Sequence[str]
) -> dict[str, list[Certificate]]:
    """item_key → the enterprise's certificates on it (none without a provider)."""
    found: dict[str, list[Certificate]] = {}
    for lookup in _lookups:
        for key, rows in lookup(enterprise, item_keys).items():
            found.setdefault(key, []).extend(rows)
    return found


def issued_return(enterprise: Enterprise, item_keys: Sequence[str]) -> dict[str, Certificate]:
    """item_key → its issued 退运已补税证明."""
    return {
        key: cert
        for key, certs in certificates_for(enterprise, item_keys).items()
        for cert in certs
        if cert.business_code == RETURNED_GOODS and cert.issued
    }
