"""The services forms of the A0305001 bundle as wire sections (DOMAIN §6.2): each function turns
one collected row into its section's fields (wire.package.specs.OTHER_FORMS). The records
declare their section with it (service_exports.records)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import RailFreight, ServiceReceipt, SettlementBase, TaxableService, TransportLine


def taxable_service(row: TaxableService) -> Mapping[str, object]:
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


def service_receipt(row: ServiceReceipt) -> Mapping[str, object]:
    return {
        "sbxh": row.sequence_no,
        "hth": row.taxable_service.contract_no,
        "skpzh": row.voucher_no,
        "skrq": row.received_on,
        "skje": row.amount_usd,
    }


def transport(row: TransportLine) -> Mapping[str, object]:
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


def settlement(number: str) -> Callable[[SettlementBase], Mapping[str, object]]:
    def to_wire(row: SettlementBase) -> Mapping[str, object]:
        return {"sbxh": row.sequence_no, number: _number(row), "je": row.amount_cny}

    def _number(row: SettlementBase) -> str:
        return str(getattr(row, {"zdh": "bill_no", "hjh": "letter_no"}[number]))

    return to_wire


def rail(row: RailFreight) -> Mapping[str, object]:
    return {"sbxh": row.sequence_no, "ydh": row.waybill_no, "je": row.freight_cny}
