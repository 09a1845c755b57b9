"""The 备案 forms: 备案 and 变更 are prefilled from the 备案 in force (or 企业信息); a 变更 shows
each item's 变更前 value beside its input."""

from __future__ import annotations

from typing import Any

from rebate.core.forms import ConventionModelForm

from . import content, models


class FilingForm(ConventionModelForm):
    pass


class RegistrationForm(FilingForm):
    takes_enterprise = True

    class Meta:
        model = models.Registration
        fields = (*content.ITEMS, "filled_on")

    def __init__(self, *args: Any, enterprise: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if enterprise is not None and self.instance.pk is None and not self.is_bound:
            self.initial.update(self.starting_values(enterprise))

    def starting_values(self, enterprise: Any) -> dict[str, str]:
        return content.prefill(enterprise)


class RegistrationChangeForm(RegistrationForm):
    show_help = True  # each item's 变更前 value under its input

    class Meta:
        model = models.RegistrationChange
        fields = (*content.ITEMS, "filled_on")

    def __init__(self, *args: Any, enterprise: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, enterprise=enterprise, **kwargs)
        old = self.old_values(enterprise)
        for name in content.ITEMS:
            before = content.display(name, old.get(name, "")) or "（空）"
            self.fields[name].help_text = f"变更前：{before}"
            self.fields[name].widget.attrs["data-before"] = before

    def old_values(self, enterprise: Any) -> dict[str, str]:
        if self.instance.pk is not None and self.instance.changes:
            changed = {c[0]: c[2] for c in self.instance.changes}
            now = content.values_of(self.instance)
            return {n: changed.get(n, content.display(n, now[n])) for n in content.ITEMS}
        return content.in_force(enterprise) if enterprise is not None else {}

    def starting_values(self, enterprise: Any) -> dict[str, str]:
        return content.in_force(enterprise)


def form_for(model: type[Any], fields: tuple[str, ...]) -> type[FilingForm]:
    meta = type("Meta", (), {"model": model, "fields": (*fields, "filled_on")})
    return type(f"{model.__name__}Form", (FilingForm,), {"Meta": meta})


WithdrawalForm = form_for(models.Withdrawal, ("reason", "reason_note", "settled", "handler"))
RefundFirstForm = form_for(models.RefundFirst, (
    "contract_no", "foreign_party", "commodity_code", "commodity_name", "production_start",
    "completion_date", "export_amount_usd", "expected_collections", "first_ratio",
    "second_ratio", "remaining_ratio", "remark",
))  # fmt: skip
GroupMemberForm = form_for(models.GroupMember, (
    "group_name", "group_taxpayer_id", "member_name", "member_taxpayer_id",
    "member_customs_code", "member_tax_authority", "holding_ratio", "handler",
))  # fmt: skip
WaiverForm = form_for(
    models.Waiver, ("kind", "scope", "applies_after", "start_on", "reason", "handler")
)
ReminderForm = form_for(models.Reminder, (
    "remind_deadline", "remind_receipt", "remind_documents", "phone1", "phone2", "contact",
    "action",
))  # fmt: skip
ResumptionForm = form_for(models.Resumption, ("waiver_code", "waived_on", "resume_from", "handler"))
AgencyForm = form_for(models.Agency, (
    "agent_name", "agent_customs_code", "agent_uscc", "contract_no", "bank_name",
    "bank_account", "legal_representative",
))  # fmt: skip
AgencyWithdrawalForm = form_for(
    models.AgencyWithdrawal, ("agent_name", "agent_uscc", "contract_no", "reason")
)
