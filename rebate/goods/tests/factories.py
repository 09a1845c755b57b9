"""Test rows of every goods model; registers each with the tenant-isolation harness."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation
from rebate.goods import compute, groups, models, services
from rebate.goods.models import ExportLine
from rebate.goods.services import ExportLineInput, export_lines_create

_seq = itertools.count(1)


def export_line_input(**overrides: Any) -> ExportLineInput:
    n = next(_seq)
    values: dict[str, Any] = {
        "period": "202603",
        "item_key": f"530420260{n:09d}001",
        "export_date": date(2026, 3, 5),
        "commodity_code": "8501109990",
        "commodity_name": "微电机",
        "unit": "台",
        "quantity": Decimal("100"),
        "fob_usd": Decimal("1000.00"),
        "fob_cny": Decimal("7100.00"),
        "levy_rate": Decimal("0.13"),
        "rebate_rate": Decimal("0.13"),
        "invoice_no": f"FP{n:08d}",
        "trade_mode": "0110",
    }
    values.update(overrides)
    return ExportLineInput(**values)


def make_export_line(enterprise: Any, status: str = "", **overrides: Any) -> ExportLine:
    line = export_lines_create(
        enterprise=enterprise, actor=None, lines=[export_line_input(**overrides)]
    )[0]
    if status:
        ExportLine.objects.filter(pk=line.pk).update(status=status)
        line.status = status
    return line


isolation.register(ExportLine, make=make_export_line, list_urls=["goods:writeback_list"])


def _common(n: int) -> dict[str, Any]:
    return {"period": "202603", "item_key": f"530420260{n:09d}001"}


def make_code_adjustment(enterprise: Any, **overrides: Any) -> models.CodeAdjustment:
    n = next(_seq)
    values = {
        **_common(n), "export_date": date(2026, 3, 5), "commodity_code": "8501109990",
        "commodity_name": "微电机", "rebate_rate": Decimal("0.13"),
        "adjusted_commodity_code": "8501109100", "adjusted_commodity_name": "微电机（新码）",
        "adjusted_rebate_rate": Decimal("0.13"), **overrides,
    }  # fmt: skip
    return services.code_adjustment.create(enterprise=enterprise, actor=None, data=values)


def make_fob_difference(enterprise: Any, **overrides: Any) -> models.FobDifference:
    n = next(_seq)
    values = {
        **_common(n), "invoice_no": f"FP{n:08d}", "invoice_fob_usd": Decimal("1100.00"),
        "invoice_fob_cny": Decimal("7810.00"), "fob_usd": Decimal("1000.00"),
        "fob_cny": Decimal("7100.00"), "reason": "佣金在发票中列支", **overrides,
    }  # fmt: skip
    return services.fob_difference.create(enterprise=enterprise, actor=None, data=values)


def make_qualification(enterprise: Any) -> models.RefundFirstQualification:
    return services.refund_first_qualification_set(
        enterprise=enterprise, actor=None, approved_on=date(2025, 1, 1)
    )


def make_refund_first(enterprise: Any, **overrides: Any) -> models.RefundFirst:
    n = next(_seq)
    values = {
        **_common(n), "export_date": date(2026, 3, 5), "commodity_code": "8501109990",
        "commodity_name": "微电机", "fob_cny": Decimal("7100.00"), **overrides,
    }  # fmt: skip
    return models.RefundFirst.objects.create(
        enterprise=enterprise, sequence_no=f"{n:04d}", **values
    )


def make_receipt(enterprise: Any, **overrides: Any) -> models.Receipt:
    n = next(_seq)
    values = {
        **_common(n), "invoice_no": f"FP{n:08d}", "sales_booked_on": date(2026, 3, 6),
        "currency": "USD", "transaction_total": Decimal("1000.00"),
        "transaction_rate": Decimal("7.1"), "fob_cny": Decimal("7100.00"),
        "receipt_amount": Decimal("1000.00"), "receipt_rate": Decimal("7.12"), **overrides,
    }  # fmt: skip
    row = models.Receipt(enterprise=enterprise, sequence_no=f"{n:04d}", **values)
    compute.receipt([row])
    row.save()
    return row


def make_non_receipt(enterprise: Any, **overrides: Any) -> models.NonReceipt:
    n = next(_seq)
    values = {
        **_common(n), "invoice_no": f"FP{n:08d}", "sales_booked_on": date(2026, 3, 6),
        "currency": "USD", "transaction_total": Decimal("1000.00"),
        "transaction_rate": Decimal("7.1"), "fob_cny": Decimal("7100.00"),
        "received_amount": Decimal("400.00"), "reason_code": "01", "evidence_kind": "破产清算证明",
        **overrides,
    }  # fmt: skip
    row = models.NonReceipt(enterprise=enterprise, sequence_no=f"{n:04d}", **values)
    compute.non_receipt([row])
    row.save()
    return row


def make_deemed_own_product(enterprise: Any, **overrides: Any) -> models.DeemedOwnProduct:
    n = next(_seq)
    values = {
        "period": "202603", "business_types": "STZC-01", "supplier_tax_id": "91440300MA5F000011",
        "invoice_no": f"{n:08d}", "invoice_date": date(2026, 2, 20),
        "commodity_code": "8501109990", "commodity_name": "微电机", "unit": "台",
        "quantity": Decimal("100"), "taxable_amount": Decimal("5000.00"),
        "tax_amount": Decimal("650.00"), "levy_rate": Decimal("0.13"), **overrides,
    }  # fmt: skip
    with approved_supplier(str(values["supplier_tax_id"])):
        return services.deemed_own_product.create(enterprise=enterprise, actor=None, data=values)


@contextmanager
def approved_supplier(tax_id: str) -> Iterator[None]:
    """While inside: the 供货方 counts as an approved 集团公司成员企业 of every enterprise (the
    备案申报 family provides the real ones; goods' own tests stand in for it)."""

    def lookup(enterprise: Any) -> list[groups.Member]:
        return [groups.Member(tax_id, "示范成员企业", "示范集团有限公司", date(2026, 1, 5))]

    groups.provide_group_members(lookup)
    try:
        yield
    finally:
        groups.forget_group_members(lookup)


isolation.register(models.CodeAdjustment, make=make_code_adjustment)
isolation.register(models.FobDifference, make=make_fob_difference)
isolation.register(models.RefundFirstQualification, make=make_qualification)
isolation.register(models.RefundFirst, make=make_refund_first)
isolation.register(models.Receipt, make=make_receipt)
isolation.register(models.NonReceipt, make=make_non_receipt)
isolation.register(models.DeemedOwnProduct, make=make_deemed_own_product)
