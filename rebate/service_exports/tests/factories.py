"""Test rows of the services forms; each registered with the tenant-isolation harness."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation
from rebate.service_exports import models, services

_seq = itertools.count(1)
D = Decimal


def make_transport_line(enterprise: Any, **overrides: Any) -> models.TransportLine:
    n = next(_seq)
    values = {
        "period": "202603", "transport_kind": "1", "conveyance": f"中远{n}号 V.{n:03d}",
        "departure": "深圳", "destination": "新加坡", "transport_date": date(2026, 3, 3),
        "invoice_no": f"YS{n:06d}", "invoice_date": date(2026, 3, 4), "currency": "USD",
        "amount": D("5000.00"), "usd_rate": D("7.1"), "turnover_usd": D("5000.00"),
        "turnover_cny": D("35500.00"), "taxable_cny": D("35500.00"), "levy_rate": D("0.09"),
        "rebate_rate": D("0.09"), **overrides,
    }  # fmt: skip
    return services.transport_line.create(enterprise=enterprise, actor=None, data=values)


def _settlement(n: int) -> dict[str, Any]:
    return {
        "period": "202603", "counterparty": f"清算对方{n}", "currency": "USD",
        "amount": D("1000.00"), "amount_usd": D("1000.00"), "amount_cny": D("7100.00"),
    }  # fmt: skip


def make_space_bill(enterprise: Any, **overrides: Any) -> models.SpaceBill:
    n = next(_seq)
    values = {**_settlement(n), "bill_no": f"HT{n:05d}", "bill_date": date(2026, 3, 2),
              "mission": "某卫星发射", **overrides}  # fmt: skip
    return services.space_bill.create(enterprise=enterprise, actor=None, data=values)


def make_passenger_letter(enterprise: Any, **overrides: Any) -> models.PassengerLetter:
    n = next(_seq)
    values = {**_settlement(n), "letter_no": f"KY{n:05d}", "letter_date": date(2026, 3, 2),
              "business_kind": "1", "settlement_month": "202602", **overrides}  # fmt: skip
    return services.passenger_letter.create(enterprise=enterprise, actor=None, data=values)


def make_rail_freight(enterprise: Any, **overrides: Any) -> models.RailFreight:
    n = next(_seq)
    values = {
        "period": "202603", "waybill_no": f"TL{n:06d}", "shipped_on": date(2026, 3, 1),
        "from_station": "郑州圃田", "to_station": "汉堡", "goods_name": "电子产品",
        "weight": D("20.5"), "freight_usd": D("3000.00"), "freight_cny": D("21300.00"),
        **overrides,
    }  # fmt: skip
    return services.rail_freight.create(enterprise=enterprise, actor=None, data=values)


def make_taxable_service(enterprise: Any, **overrides: Any) -> models.TaxableService:
    n = next(_seq)
    values = {
        "period": "202603", "contract_no": f"HT{n:05d}", "overseas_party": "ACME GmbH",
        "country_code": "304", "service_code": "304010101", "service_name": "软件开发服务",
        "invoice_no": f"FW{n:06d}", "invoice_date": date(2026, 3, 4),
        "contract_total_usd": D("10000.00"), "contract_total_cny": D("71000.00"),
        "received_usd": D("5000.00"), "receipt_currency": "USD", "receipt_amount": D("5000.00"),
        "usd_rate": D("7.1"), "recognised_cny": D("35500.00"), "turnover_cny": D("35500.00"),
        "taxable_cny": D("35500.00"), "levy_rate": D("0.06"), "rebate_rate": D("0.06"),
        **overrides,
    }  # fmt: skip
    return services.taxable_service.create(enterprise=enterprise, actor=None, data=values)


def make_service_receipt(enterprise: Any, **overrides: Any) -> models.ServiceReceipt:
    n = next(_seq)
    values = {
        "period": "202603", "taxable_service": make_taxable_service(enterprise),
        "voucher_no": f"SK{n:06d}", "received_on": date(2026, 3, 10), "currency": "USD",
        "amount": D("5000.00"), "amount_usd": D("5000.00"), **overrides,
    }  # fmt: skip
    return services.service_receipt.create(enterprise=enterprise, actor=None, data=values)


isolation.register(models.TransportLine, make=make_transport_line)
isolation.register(models.SpaceBill, make=make_space_bill)
isolation.register(models.PassengerLetter, make=make_passenger_letter)
isolation.register(models.RailFreight, make=make_rail_freight)
isolation.register(models.TaxableService, make=make_taxable_service)
isolation.register(models.ServiceReceipt, make=make_service_receipt)
