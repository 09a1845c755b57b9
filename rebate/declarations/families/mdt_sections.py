"""The forms of the A0305001 bundle besides the 明细表, as wire sections (DOMAIN §6.2).

Each mapping turns one collected row into the section's fields (wire.package.specs.OTHER_FORMS);
the services forms (YFSJ, SYYK, GJYS, HKYSQS, KYHJ, TLHY) come from rebate.service_exports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import Section


def _sale(row: Any) -> dict[str, object]:
    return {
        "sbxh": row.sequence_no,
        "ckbgdh": row.item_key,
        "dlckhwzmhm": getattr(row, "agency_certificate_no", ""),
        "ckfph": row.invoice_no,
    }


def receipt(row: Any) -> Mapping[str, object]:
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


def non_receipt(row: Any) -> Mapping[str, object]:
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


def fob_difference(row: Any) -> Mapping[str, object]:
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


def code_adjustment(row: Any) -> Mapping[str, object]:
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


def deemed_own_product(row: Any) -> Mapping[str, object]:
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


def refund_first(row: Any) -> Mapping[str, object]:
    return {
        "sbxh": row.sequence_no,
        "ckbgdh": row.item_key,
        "rmblaj": row.fob_cny,
        "bz": row.note,
    }


def taxable_service(row: Any) -> Mapping[str, object]:
    return {
        "sbxh": row.sequence_no,
        "hth": row.contract_no,
        "zmbh": row.certificate_no,
        "jwdwmc": row.overseas_party,
        "gjdq_dm": row.country_code,
        "yssfdm": row.service_code,
        "ckfph": row.invoice_no,
        "kprq": row.invoice_date,
        "bqskje": row.received_usd,
        "yye": row.turnover_cny,
        "jsje": row.taxable_cny,
        "zssl": row.levy_rate,
        "tsl": row.rebate_rate,
        "ytse": row.refund,
        "bz": row.note,
    }


def service_receipt(row: Any) -> Mapping[str, object]:
    return {
        "sbxh": row.sequence_no,
        "hth": row.taxable_service.contract_no,
        "skpzh": row.voucher_no,
        "skrq": row.received_on,
        "skje": row.amount_usd,
    }


def transport(row: Any) -> Mapping[str, object]:
    return {
        "sbxh": row.sequence_no,
        "ysgjh": row.conveyance,
        "qyg": row.departure,
        "mdg": row.destination,
        "yye": row.turnover_cny,
        "yyemy": row.turnover_usd,
        "tsl": row.rebate_rate,
        "bz": row.note,
    }


def settlement(number: str) -> Any:
    def to_wire(row: Any) -> Mapping[str, object]:
        return {"sbxh": row.sequence_no, number: _number(row), "je": row.amount_cny}

    def _number(row: Any) -> str:
        return str(getattr(row, {"zdh": "bill_no", "hjh": "letter_no"}[number]))

    return to_wire


def rail(row: Any) -> Mapping[str, object]:
    return {"sbxh": row.sequence_no, "ydh": row.waybill_no, "je": row.freight_cny}


SECTIONS = (
    Section("CKSH", "出口货物收汇情况表", "goods.Receipt", receipt),
    Section("BNSH", "不能收汇申报", "goods.NonReceipt", non_receipt),
    Section("CYSM", "出口货物离岸价差异原因说明表", "goods.FobDifference", fob_difference),
    Section(
        "HGSPTZ",
        "海关出口商品代码、名称、退税率调整对应表",
        "goods.CodeAdjustment",
        code_adjustment,
    ),
    Section("STZCQD", "视同自产进货明细清单", "goods.DeemedOwnProduct", deemed_own_product),
    Section("XTHH", "先退税后核销企业免抵退税申报附表", "goods.RefundFirst", refund_first),
    Section(
        "YFSJ", "跨境应税行为免抵退税申报明细表", "service_exports.TaxableService", taxable_service
    ),
    Section("SYYK", "收讫营业款明细清单", "service_exports.ServiceReceipt", service_receipt),
    Section(
        "GJYS",
        "国际运输（港澳台运输）免抵退税申报明细表",
        "service_exports.TransportLine",
        transport,
    ),
    Section("HKYSQS", "航天运输收入清算账单", "service_exports.SpaceBill", settlement("zdh")),
    Section(
        "KYHJ",
        "国际旅客/行李包裹运输清算函件",
        "service_exports.PassengerLetter",
        settlement("hjh"),
    ),
    Section("TLHY", "中国铁路总公司国际货物运输明细", "service_exports.RailFreight", rail),
)
