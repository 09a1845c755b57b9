"""The goods forms of the A0305001 bundle besides the 明细表, as wire sections (DOMAIN §6.2):
each function turns one collected row into its section's fields (wire.package.specs.OTHER_FORMS).
The records declare their section with it (goods.records)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import (
        CodeAdjustment,
        DeemedOwnProduct,
        FobDifference,
        NonReceipt,
        Receipt,
        RefundFirst,
    )


def _sale(row: Receipt | NonReceipt | FobDifference) -> dict[str, object]:
    return {
        "sbxh": row.sequence_no,
        "ckbgdh": row.item_key,
        "dlckhwzmhm": getattr(row, "agency_certificate_no", ""),
        "ckfph": row.invoice_no,
    }


def receipt(row: Receipt) -> Mapping[str, object]:
    return {
        **_sale(row),
        "jxsrq": row.sales_booked_on,
        "cjhbzm_dm": row.currency,
        "cjzj": row.transaction_total,
        "cjhbhl": row.transaction_rate,
        "rmblaj": row.fob_cny,
        "pzhm": row.voucher_no,
        "shrq": row.received_on,
        "jhfs_dm": row.settlement_mode,
        "jrjgdm": row.bank_code,
        "shhbzm_dm": row.receipt_currency,
        "shje": row.receipt_amount,
        "shhbhl": row.receipt_rate,
        "shjerm": row.receipt_cny,
        "fhr": row.payer,
        "fhgj": row.payer_country,
        "bz": row.note,
    }


def non_receipt(row: NonReceipt) -> Mapping[str, object]:
    return {
        **_sale(row),
        "cjhbzm_dm": row.currency,
        "cjzj": row.transaction_total,
        "rmblaj": row.fob_cny,
        "yshje": row.received_amount,
        "wshje": row.unreceived_amount,
        "bnshyy_dm": row.reason_code,
        "zmclzl": row.evidence_kind,
        "ckhth": row.contract_no,
        "bz": row.note,
    }


def fob_difference(row: FobDifference) -> Mapping[str, object]:
    return {
        "lajcylx_dm": row.difference_type,
        **_sale(row),
        "fpmylaj": row.invoice_fob_usd,
        "fprmblaj": row.invoice_fob_cny,
        "mylaj": row.fob_usd,
        "rmblaj": row.fob_cny,
        "cye": row.difference_cny,
        "cyl": format(row.difference_rate, "f"),
        "yysm": row.reason,
    }


def code_adjustment(row: CodeAdjustment) -> Mapping[str, object]:
    return {
        "sbxh": row.sequence_no,
        "ckbgdh": row.item_key,
        "ckrq": row.export_date,
        "cksp_dm": row.commodity_code,
        "ckspmc": row.commodity_name,
        "tsl": row.rebate_rate,
        "tzhcksp_dm": row.adjusted_commodity_code,
        "tzhspmc": row.adjusted_commodity_name,
        "tzhtsl": row.adjusted_rebate_rate,
        "sbrq": row.declaration_date,
        "bz": row.note,
    }


def deemed_own_product(row: DeemedOwnProduct) -> Mapping[str, object]:
    return {
        "sbxh": row.sequence_no,
        "fpdm": row.invoice_code,
        "fphm": row.invoice_no,
        "kprq": row.invoice_date,
        "ghfsbh": row.supplier_tax_id,
        "spmc": row.commodity_name,
        "je": row.taxable_amount,
        "se": row.tax_amount,
    }


def refund_first(row: RefundFirst) -> Mapping[str, object]:
    return {
        "sbxh": row.sequence_no,
        "ckbgdh": row.item_key,
        "rmblaj": row.fob_cny,
        "bz": row.note,
    }
