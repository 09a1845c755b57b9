"""备案申报's forms on the record framework: one declaration per form (pages, services, wire)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models as dj

from rebate.core.batch import BatchServices, batch_record
from rebate.core.records import RecordType
from rebate.core.tables import record_table
from rebate.integrations.wire.package.filings import SPECS

from . import content, forms, models

FAMILY = "filings"
NS = "filings"


def to_wire(code: str) -> Any:
    fields = SPECS[code].main.record.fields

    def convert(row: Any) -> Mapping[str, object]:
        return {f.attr: getattr(row, f.attr) for f in fields}

    return convert


def check_registration(enterprise: Any, row: models.Registration) -> None:
    if row.uscc != enterprise.uscc:
        raise ValidationError({"uscc": "统一社会信用代码与本企业的注册信息不一致"})
    if row.customs_code != enterprise.customs_code:
        raise ValidationError({"customs_code": "海关企业代码与本企业的注册信息不一致"})


def _record(
    model: type[dj.Model], title: str, code: str, form: Any, columns: tuple[str, ...],
    section: str, *, check: Any = None, wire: bool = True,
) -> RecordType:  # fmt: skip
    service = BatchServices(model, check=check)
    return batch_record(
        model, title, service, namespace=NS, family=FAMILY, business=code,
        table=record_table(model, ("sequence_no", *columns, "filled_on", "status")),
        form=form, wire_section=section, wire_title=SPECS[code].title,
        to_wire=to_wire(code) if wire else None,
        actions=("list", "add", "detail", "edit", "delete", "export"),
    )  # fmt: skip


registration = _record(
    models.Registration, "备案及变更", "A0101001", forms.RegistrationForm,
    ("name", "uscc", "refund_method", "bank_account", "handler1_name"), "BAXX",
    check=check_registration,
)  # fmt: skip
registration_change = _record(
    models.RegistrationChange, "备案变更", "A0102001", forms.RegistrationChangeForm,
    ("name", "refund_method", "bank_account", "handler1_name"), "BGMX",
    check=content.check_change, wire=False,  # the family's writer sends the changed items only
)  # fmt: skip
withdrawal = _record(
    models.Withdrawal,
    "备案撤回",
    "A0103001",
    forms.WithdrawalForm,
    ("reason", "settled", "handler"),
    "CHSQ",
)
refund_first = _record(
    models.RefundFirst,
    "先退税后核销资格申请",
    "A0107001",
    forms.RefundFirstForm,
    ("contract_no", "foreign_party", "commodity_name", "export_amount_usd"),
    "XTHH",
)
group_member = _record(
    models.GroupMember,
    "集团公司成员企业备案",
    "A0105001",
    forms.GroupMemberForm,
    ("group_name", "member_name", "member_taxpayer_id", "member_customs_code"),
    "JTCY",
)
waiver = _record(
    models.Waiver,
    "放弃业务",
    "A0409004",
    forms.WaiverForm,
    ("kind", "start_on", "applies_after", "reason"),
    "FQSM",
    wire=False,  # one form, three businesses: the family's writer picks rows by kind
)
reminder = _record(
    models.Reminder,
    "出口退税业务提醒申请",
    "A0409001",
    forms.ReminderForm,
    ("phone1", "contact", "action"),
    "TXFW",
)
resumption = _record(
    models.Resumption,
    "恢复适用出口退免税",
    "A0409005",
    forms.ResumptionForm,
    ("waiver_code", "waived_on", "resume_from"),
    "HFSY",
)
agency = _record(
    models.Agency,
    "委托代办退税备案",
    "A0109001",
    forms.AgencyForm,
    ("agent_name", "agent_customs_code", "contract_no"),
    "WTDB",
)
agency_withdrawal = _record(
    models.AgencyWithdrawal,
    "委托代办退税备案撤回",
    "A0109002",
    forms.AgencyWithdrawalForm,
    ("agent_name", "agent_uscc", "contract_no"),
    "WTCH",
)
RECORDS = (
    registration, registration_change, withdrawal, refund_first, group_member, waiver,
    reminder, resumption, agency, agency_withdrawal,
)  # fmt: skip

# Business code → the form whose rows it declares and their filter (放弃: by kind)
BUSINESS_ROWS: dict[str, tuple[RecordType, dict[str, str]]] = {
    "A0101001": (registration, {}), "A0102001": (registration_change, {}),
    "A0103001": (withdrawal, {}), "A0105001": (group_member, {}),
    "A0107001": (refund_first, {}), "A0109001": (agency, {}),
    "A0109002": (agency_withdrawal, {}), "A0409001": (reminder, {}),
    "A0409002": (waiver, {"kind": "A0409002"}), "A0409003": (waiver, {"kind": "A0409003"}),
    "A0409004": (waiver, {"kind": "A0409004"}), "A0409005": (resumption, {}),
}  # fmt: skip
