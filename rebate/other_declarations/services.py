"""The write path of the 其他申报 forms: core.batch.BatchServices with each form's own checks and
computed columns (rebate.calc.other). A check refuses at the field (ValidationError keyed by
the field), before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from rebate.accounts.models import Enterprise
from rebate.calc.deadlines import DEFAULT_RULES, FREE_AND_CREDIT_DECLARATION, DeadlineError
from rebate.calc.deadlines import declaration_deadline as calc_declaration_deadline
from rebate.calc.other import (
    OtherCalcError,
    consumption_tax_refund,
    proceeds_deadline,
    self_use_refund,
    used_equipment_refund,
)
from rebate.core.batch import BatchServices
from rebate.customs.models import Declaration

from . import models


def _refuse(error: OtherCalcError) -> ValidationError:
    return ValidationError({error.field: error.message})


def _filled(row: Any, *names: str) -> bool:
    """Whether the inputs a rule needs are there (else full_clean reports the empty field)."""
    return all(getattr(row, name) not in (None, "") for name in names)


def declaration_currencies(declaration: Declaration) -> list[str]:
    return sorted({item.trade_curr for item in declaration.items.all() if item.trade_curr})


def check_proceeds(enterprise: Enterprise, row: models.ProceedsReceipt) -> None:
    """收汇情况: the 报关单 is one of the enterprise's (报关单采集); 出口日期, 成交币制 and 成交总价
    are taken from it; the 收汇货币 must be the declaration's 成交币制; the deadline is computed."""
    if not row.entry_id:
        return
    declaration = (
        Declaration.objects.for_enterprise(enterprise).filter(entry_id=row.entry_id).first()
    )
    if declaration is None:
        raise ValidationError({"entry_id": f"报关单号{row.entry_id}不在本企业的报关单采集数据中"})
    currencies = declaration_currencies(declaration)
    row.export_date = declaration.ie_date
    row.currency = ",".join(currencies)
    row.transaction_total = sum(
        (item.decl_total for item in declaration.items.all()), Decimal("0.00")
    )
    row.invoice_no = row.invoice_no or declaration.invoice_no
    row.contract_no = row.contract_no or declaration.contr_no
    if row.receipt_currency and row.receipt_currency not in currencies:
        raise ValidationError(
            {
                "receipt_currency": (
                    f"出口收汇货币{row.receipt_currency}不是报关单{row.entry_id}的成交币制"
                    f"（{'、'.join(currencies) or '无'}）"
                )
            }
        )
    row.receipt_deadline = proceeds_deadline(row.export_date, row.final_receipt_date)


def _deadline_rules() -> Any:
    from rebate.codes.selectors import deadline_rules

    return deadline_rules(FREE_AND_CREDIT_DECLARATION) or DEFAULT_RULES


def check_no_info(enterprise: Enterprise, row: models.NoInfoDeclaration) -> None:
    """无相关电子信息申报 is filed before the export's 申报期限 (DOMAIN §9 rules)."""
    if row.export_date is None:
        return
    try:
        deadline = calc_declaration_deadline(row.export_date, _deadline_rules())
    except DeadlineError:
        raise ValidationError({"export_date": "没有适用于该出口日期的申报期限规则"}) from None
    if timezone.localdate() > deadline:
        raise ValidationError(
            {
                "export_date": (
                    f"该出口货物的申报期限{deadline.isoformat()}已过，不能申报无相关电子信息"
                )
            }
        )
    row.declaration_deadline = deadline


def check_self_use(enterprise: Enterprise, row: models.SelfUseGoods) -> None:
    if not _filled(row, "taxable_amount", "levy_rate", "invoice_date"):
        return
    try:
        result = self_use_refund(row.taxable_amount, row.levy_rate, row.invoice_date)
    except OtherCalcError as error:
        raise _refuse(error) from None
    row.tax_amount, row.refund = result.tax, result.refund


def check_used_equipment(enterprise: Enterprise, row: models.UsedEquipment) -> None:
    inputs = ("taxable_amount", "original_value", "accumulated_depreciation", "rebate_rate")
    if not _filled(row, *inputs):
        return
    try:
        result = used_equipment_refund(
            row.taxable_amount, row.original_value, row.accumulated_depreciation, row.rebate_rate
        )
    except OtherCalcError as error:
        raise _refuse(error) from None
    row.net_value, row.tax_basis, row.refund = result.net_value, result.tax_basis, result.refund


def check_non_own(enterprise: Enterprise, row: models.NonOwnProduct) -> None:
    if not _filled(row, "taxable_amount", "levy_rate"):
        return
    try:
        row.refund = consumption_tax_refund(row.taxable_amount, row.levy_rate)
    except OtherCalcError as error:
        raise _refuse(error) from None


def _services(
    model: type[Any],
    check: Callable[[Any, Any], None] | None = None,
    computed: tuple[str, ...] = (),
) -> BatchServices:
    return BatchServices(model, check=check, computed=computed)


proceeds = _services(
    models.ProceedsReceipt,
    check_proceeds,
    ("export_date", "currency", "transaction_total", "receipt_deadline"),
)
info_query = _services(models.InfoQuery)
no_info = _services(models.NoInfoDeclaration, check_no_info, ("declaration_deadline",))
self_use = _services(models.SelfUseGoods, check_self_use, ("tax_amount", "refund"))
used_equipment = _services(
    models.UsedEquipment, check_used_equipment, ("net_value", "tax_basis", "refund")
)
non_own = _services(models.NonOwnProduct, check_non_own, ("refund",))
capacity_report = _services(models.CapacityReport)
risk_control_report = _services(models.RiskControlReport)
