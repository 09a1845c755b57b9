"""Writes of the services forms: the shared batch-record services plus the computed columns
(计税金额乘征退税率之差 / 征退税差额 and 免抵退税额 / 应退税额) from rebate.calc."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise
from rebate.calc.mdt import ServiceLine, compute_service_line
from rebate.core.batch import BatchServices

from . import models


def _line(row: Any, usd: str, cny: str) -> ServiceLine:
    return ServiceLine(
        id=str(row.pk or ""),
        usd=Decimal(getattr(row, usd)),
        cny=Decimal(getattr(row, cny)),
        levy_rate=Decimal(row.levy_rate),
        rebate_rate=Decimal(row.rebate_rate),
    )


def compute_transport(rows: Sequence[models.TransportLine]) -> None:
    for row in rows:
        result = compute_service_line(_line(row, "turnover_usd", "taxable_cny"))
        row.non_creditable = result.non_creditable
        row.exempt_credit_refund = result.exempt_credit_refund


def compute_taxable(rows: Sequence[models.TaxableService]) -> None:
    for row in rows:
        result = compute_service_line(_line(row, "received_usd", "taxable_cny"))
        row.difference_tax = result.non_creditable
        row.refund = result.exempt_credit_refund


def same_enterprise_parent(enterprise: Enterprise, row: models.ServiceReceipt) -> None:
    if row.taxable_service.enterprise_id != enterprise.pk:
        raise ValidationError({"taxable_service": "跨境应税行为明细不存在"})


transport_line = BatchServices(
    models.TransportLine,
    compute=compute_transport,
    computed=("non_creditable", "exempt_credit_refund"),
)
space_bill = BatchServices(models.SpaceBill)
passenger_letter = BatchServices(models.PassengerLetter)
rail_freight = BatchServices(models.RailFreight)
taxable_service = BatchServices(
    models.TaxableService, compute=compute_taxable, computed=("difference_tax", "refund")
)
service_receipt = BatchServices(models.ServiceReceipt, check=same_enterprise_parent)
