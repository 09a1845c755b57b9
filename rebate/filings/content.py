"""The 备案 in force and what a 变更 changes in it.

The 备案 in force is the 《出口退（免）税备案表》 as the bureau last approved it, kept in 配置 ›
企业信息查询 (EnterpriseFiling.details); before any approved 备案 of this product (an enterprise
filed before it used the product) it is what 企业信息 (PZ-08) and the registration hold.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise
from rebate.configuration import selectors as config

from .choices import EnterpriseType, YesNo
from .models import RegistrationContent

ITEMS = (
    "taxpayer_id", "uscc", "customs_code", "name", "trade_registration_no", "enterprise_type",
    "bank_name", "bank_account", "handler1_name", "handler1_id_no", "handler1_phone",
    "handler2_name", "handler2_id_no", "handler2_phone", "refund_method", "zero_rate_flag",
    "zero_rate_services", "vat_preference", "management_type", "attachments",
)  # fmt: skip
NO_CHANGE = "备案内容与现行备案完全一致，没有需要变更的项目；请修改需要变更的内容后再保存"


def label(name: str) -> str:
    field: Any = RegistrationContent._meta.get_field(name)
    return str(field.verbose_name)


def display(name: str, value: str) -> str:
    field: Any = RegistrationContent._meta.get_field(name)
    choices = dict(field.choices or ())
    return str(choices.get(value, value)) if value else ""


def prefill(enterprise: Enterprise) -> dict[str, str]:
    """备案表 items from the enterprise's registration and 企业信息 (PZ-08)."""
    profile = config.enterprise_profile(enterprise)
    values = {
        "taxpayer_id": enterprise.taxpayer_id,
        "uscc": enterprise.uscc,
        "customs_code": enterprise.customs_code,
        "name": enterprise.name,
        "refund_method": enterprise.refund_method,
        # the form's defaults stand for what an enterprise filed before the product
        "enterprise_type": EnterpriseType.DOMESTIC,
        "zero_rate_flag": YesNo.NO,
    }
    if profile is not None:
        values.update(
            bank_name=profile.bank_name, bank_account=profile.bank_account,
            handler1_name=profile.contact, handler1_phone=profile.phone,
        )  # fmt: skip
    return values


def in_force(enterprise: Enterprise) -> dict[str, str]:
    """The 备案 in force, item → value (the approved 备案表, else the prefill)."""
    filing = config.enterprise_filing(enterprise)
    if filing is not None and filing.details:
        return {row[0]: row[2] for row in filing.details}
    return prefill(enterprise)


def values_of(row: RegistrationContent) -> dict[str, str]:
    return {name: str(getattr(row, name) or "") for name in ITEMS}


def details(values: dict[str, str]) -> list[list[str]]:
    """EnterpriseFiling.details of a 备案表: [field, 说明, 值, 显示]."""
    return [[n, label(n), values.get(n, ""), display(n, values.get(n, ""))] for n in ITEMS]


def changes(old: dict[str, str], new: dict[str, str]) -> list[list[str]]:
    """The changed items only: [field, 说明, 变更前, 变更后] (displayed values)."""
    return [
        [n, label(n), display(n, old.get(n, "")), display(n, new.get(n, ""))]
        for n in ITEMS
        if (old.get(n) or "") != (new.get(n) or "")
    ]


def check_change(enterprise: Enterprise, row: Any) -> None:
    """A 变更 records what changes against the 备案 in force; one that changes nothing, or
    that changes the enterprise's identity (a new 备案 is needed then), is refused."""
    found = changes(in_force(enterprise), values_of(row))
    if not found:
        raise ValidationError(NO_CHANGE)
    fixed = [c for c in found if c[0] in ("uscc", "customs_code", "taxpayer_id")]
    if fixed:
        raise ValidationError({fixed[0][0]: f"{fixed[0][1]}不能通过备案变更修改"})
    row.changes = found
