"""Rows of 备案申报's forms for the tenant-isolation harness (every model joins it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation

from .. import models, records
from ..choices import WaiverKind

HANDLER = {"handler1_name": "王办税", "handler1_id_no": "110101199003074477"}


def registration_values(enterprise: Any, **values: Any) -> dict[str, Any]:
    return {
        "taxpayer_id": enterprise.taxpayer_id, "uscc": enterprise.uscc,
        "customs_code": enterprise.customs_code, "name": enterprise.name,
        "bank_name": "中国银行深圳分行", "bank_account": "6222020000001234", **HANDLER, **values,
    }  # fmt: skip


def _create(record: Any, enterprise: Any, data: dict[str, Any]) -> Any:
    return record.create(enterprise=enterprise, actor=None, data=data)


def make_registration(enterprise: Any, **values: Any) -> Any:
    return _create(records.registration, enterprise, registration_values(enterprise, **values))


def make_change(enterprise: Any, **values: Any) -> Any:
    data = registration_values(enterprise, bank_account="6222020000009999", **values)
    return _create(records.registration_change, enterprise, data)


def make_withdrawal(enterprise: Any, **values: Any) -> Any:
    data = {"reason": "01", "settled": "Y", "handler": "王办税", **values}
    return _create(records.withdrawal, enterprise, data)


def make_refund_first(enterprise: Any, **values: Any) -> Any:
    data = {
        "contract_no": "HT-SHIP-01", "foreign_party": "Oceanic Lines Ltd", "commodity_code":
        "89011010", "commodity_name": "散货船", "production_start": date(2026, 3, 1),
        "completion_date": date(2027, 6, 30), "export_amount_usd": Decimal("12000000.00"),
        "expected_collections": 3, "first_ratio": Decimal("30"), "second_ratio": Decimal("30"),
        "remaining_ratio": Decimal("40"), **values,
    }  # fmt: skip
    return _create(records.refund_first, enterprise, data)


def make_group_member(enterprise: Any, **values: Any) -> Any:
    data = {
        "group_name": "示范集团有限公司", "group_taxpayer_id": enterprise.uscc,
        "member_name": "示范成员企业", "member_taxpayer_id": "91440300MA5FHK4H1F",
        "member_customs_code": "4403960M01", "handler": "王办税", **values,
    }  # fmt: skip
    return _create(records.group_member, enterprise, data)


def make_waiver(enterprise: Any, **values: Any) -> Any:
    data = {"kind": WaiverKind.REFUND, "start_on": date(2026, 12, 1), "reason": "经营调整",
            "handler": "王办税", **values}  # fmt: skip
    return _create(records.waiver, enterprise, data)


def make_reminder(enterprise: Any, **values: Any) -> Any:
    data = {"phone1": "13800000001", "contact": "王办税", **values}
    return _create(records.reminder, enterprise, data)


def make_resumption(enterprise: Any, **values: Any) -> Any:
    data = {"waiver_code": WaiverKind.REFUND, "waived_on": date(2026, 12, 1),
            "resume_from": date(2030, 1, 1), "handler": "王办税", **values}  # fmt: skip
    return _create(records.resumption, enterprise, data)


def make_agency(enterprise: Any, **values: Any) -> Any:
    data = {
        "agent_name": "示范外综服有限公司", "agent_customs_code": "4403960W01",
        "agent_uscc": "91441900791176562Y", "contract_no": "WZF-2026-01",
        "bank_name": "中国银行", "bank_account": "6222020000005555",
        "legal_representative": "李法人", **values,
    }  # fmt: skip
    return _create(records.agency, enterprise, data)


def make_agency_withdrawal(enterprise: Any, **values: Any) -> Any:
    data = {"agent_name": "示范外综服有限公司", "agent_uscc": "91441900791176562Y",
            "contract_no": "WZF-2026-01", "reason": "合同到期", **values}  # fmt: skip
    return _create(records.agency_withdrawal, enterprise, data)


def make_standing(enterprise: Any, **values: Any) -> models.Standing:
    data = {"business_code": "A0409004", "label": "放弃出口退（免）税",
            "started_on": date(2026, 12, 1), **values}  # fmt: skip
    return models.Standing.objects.create(enterprise=enterprise, **data)


PRINT = "declarations:print_record?family=filings&form={}"
for model, make in (
    (models.Registration, make_registration), (models.RegistrationChange, make_change),
    (models.Withdrawal, make_withdrawal), (models.RefundFirst, make_refund_first),
    (models.GroupMember, make_group_member), (models.Waiver, make_waiver),
    (models.Reminder, make_reminder), (models.Resumption, make_resumption),
    (models.Agency, make_agency), (models.AgencyWithdrawal, make_agency_withdrawal),
):  # fmt: skip
    isolation.register(model, make=make, urls=[PRINT.format(model._meta.model_name)])
isolation.register(models.Standing, make=make_standing)
