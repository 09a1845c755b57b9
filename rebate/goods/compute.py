"""Computed columns of the goods forms other than the 明细表 line (services.compute_columns).

Arithmetic and rounding go through rebate.calc: money.round_amount / round_rate, and the
离岸价 difference test of the bureau's check USDLAJ_CY (> 1 USD and > 5 %).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from rebate.calc.checks.customs_rules import fob_differs_beyond_tolerance as fob_differs
from rebate.calc.checks.model import CheckContext
from rebate.calc.money import ZERO, round_amount, round_rate

THRESHOLDS = CheckContext()


def fob_difference(rows: Sequence[Any]) -> None:
    """差异额 = 发票人民币离岸价 − 报关单人民币离岸价; 差异率 = 差异额 ÷ 报关单人民币离岸价;
    需说明 when the USD values are more than 1 USD and more than 5 % apart."""
    for row in rows:
        invoice, declared = Decimal(row.invoice_fob_cny), Decimal(row.fob_cny)
        row.difference_cny = round_amount(invoice - declared)
        row.difference_rate = round_rate(row.difference_cny / declared) if declared else ZERO
        row.explanation_required = fob_differs(
            Decimal(row.invoice_fob_usd), Decimal(row.fob_usd), THRESHOLDS
        )


def receipt(rows: Sequence[Any]) -> None:
    """收汇金额（人民币） = 收汇金额 × 收汇货币汇率, rounded per line."""
    for row in rows:
        if row.receipt_amount is not None and row.receipt_rate is not None:
            row.receipt_cny = round_amount(Decimal(row.receipt_amount) * Decimal(row.receipt_rate))


def non_receipt(rows: Sequence[Any]) -> None:
    """未收汇金额 = 成交总价 − 已收汇金额; 未收汇比例 = 未收汇金额 ÷ 成交总价 [inferred]."""
    for row in rows:
        total = Decimal(row.transaction_total)
        row.unreceived_amount = round_amount(total - Decimal(row.received_amount or 0))
        row.unreceived_ratio = round_rate(row.unreceived_amount / total) if total else ZERO
