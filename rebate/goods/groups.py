"""集团公司成员企业 (A0105001) that count for 视同自产 (业务类型 STZC), provided by the family that
files them (备案申报 registers its lookup on start; goods reads them through here and never names
it). FORMS §3.4: the group company files its members so that goods bought from them count as
视同自产; so a 视同自产进货明细清单 row must name an approved member as its 供货方, and an export
line of 业务类型 STZC needs the enterprise to have approved members at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise

from .choices import BusinessType


@dataclass(frozen=True, slots=True)
class Member:
    """A member the bureau approved in the enterprise's 集团公司成员企业备案."""

    taxpayer_id: str
    name: str
    group_name: str
    approved_on: date


Lookup = Callable[[Enterprise], Sequence[Member]]
_lookups: list[Lookup] = []

NO_MEMBERS = (
    "本企业没有审核通过的集团公司成员企业备案，不能申报视同自产（STZC）业务；"
    "请先通过 备案申报 › 集团公司成员企业备案 备案成员企业"
)
NOT_A_MEMBER = (
    "供货方{tax_id}不是本企业审核通过的集团公司成员企业，其货物不能作为视同自产货物申报；"
    "请先通过 备案申报 › 集团公司成员企业备案 备案该成员企业"
)


def provide_group_members(lookup: Lookup) -> None:
    """Registered by the family that files the members (once, on start)."""
    if lookup not in _lookups:
        _lookups.append(lookup)


def forget_group_members(lookup: Lookup) -> None:
    """Undo ``provide_group_members`` (tests that stand in for the provider)."""
    if lookup in _lookups:
        _lookups.remove(lookup)


def group_members(enterprise: Enterprise) -> dict[str, Member]:
    """纳税人识别号 → the enterprise's approved member (none without a provider)."""
    return {m.taxpayer_id.upper(): m for lookup in _lookups for m in lookup(enterprise)}


def _is_deemed_own(codes: Sequence[str]) -> bool:
    return any(c.split("-")[0] == BusinessType.STZC for c in codes)


def require_member_supplier(enterprise: Enterprise, row: Any) -> None:
    """视同自产进货明细清单: the 供货方 must be an approved member."""
    tax_id = (row.supplier_tax_id or "").strip().upper()
    if tax_id and tax_id not in group_members(enterprise):
        raise ValidationError({"supplier_tax_id": NOT_A_MEMBER.format(tax_id=tax_id)})


STZC_CHECK_READS = ("business_types",)  # the columns require_members_for_stzc reads


def require_members_for_stzc(enterprise: Enterprise, row: Any) -> None:
    """An export line of 业务类型 STZC: the enterprise must have approved members."""
    if _is_deemed_own(row.business_type_codes) and not group_members(enterprise):
        raise ValidationError({"business_types": NO_MEMBERS})
