"""Rows of every 其他申报 form, written through the forms' services; registered with the
tenant-isolation harness."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation
from rebate.customs.tests.factories import make_declaration

from .. import models, services

_seq = itertools.count(1)
PERIOD = "202611"


def _create(service: Any, enterprise: Any, data: dict[str, Any]) -> Any:
    return service.create(enterprise=enterprise, actor=None, data={"period": PERIOD, **data})


def make_receipt(enterprise: Any, **values: Any) -> models.ProceedsReceipt:
    declaration = make_declaration(enterprise, ie_date=date(2026, 3, 5))
    currency = declaration.items.first().trade_curr  # type: ignore[union-attr]
    data = {
        "entry_id": declaration.entry_id,
        "voucher_no": f"SH{next(_seq):06d}",
        "received_on": date(2026, 5, 10),
        "receipt_currency": currency,
        "receipt_amount": Decimal("1000.00"),
        "payer": "ACME Ltd",
        "payer_country": "USA",
        **values,
    }
    return _create(services.proceeds, enterprise, data)  # type: ignore[no-any-return]


def make_info_query(enterprise: Any, **values: Any) -> models.InfoQuery:
    data = {
        "doc_kind": "01",
        "doc_no": f"5304202600{next(_seq):08d}",
        "doc_date": date(2026, 10, 8),
        "reason": "超过30天未收到电子信息",
        **values,
    }
    return _create(services.info_query, enterprise, data)  # type: ignore[no-any-return]


def make_no_info(enterprise: Any, **values: Any) -> models.NoInfoDeclaration:
    data = {
        "entry_id": f"5304202600{next(_seq):08d}",
        "export_date": date(2026, 6, 8),
        "commodity_code": "8501109990",
        "export_amount": Decimal("52000.00"),
        "reason": "03",
        **values,
    }
    return _create(services.no_info, enterprise, data)  # type: ignore[no-any-return]


def make_self_use(enterprise: Any, **values: Any) -> models.SelfUseGoods:
    data = {
        "goods_name": "实验室离心机",
        "quantity": Decimal("2"),
        "unit": "台",
        "unit_price": Decimal("5000"),
        "taxable_amount": Decimal("10000.00"),
        "levy_rate": Decimal("0.13"),
        "payment_voucher_no": "FK2026001",
        "invoice_code": "4400261130",
        "invoice_no": f"{next(_seq):08d}",
        "invoice_date": date(2026, 10, 12),
        "supplier_tax_id": "91440300MA5F000001",
        **values,
    }
    return _create(services.self_use, enterprise, data)  # type: ignore[no-any-return]


def make_used_equipment(enterprise: Any, **values: Any) -> models.UsedEquipment:
    data = {
        "equipment_name": "数控机床",
        "entry_id": f"5304202600{next(_seq):08d}",
        "export_date": date(2026, 10, 20),
        "commodity_code": "8458110000",
        "rebate_rate": Decimal("0.13"),
        "voucher_kind": "1",
        "voucher_no": "44001234",
        "invoice_date": date(2022, 5, 6),
        "taxable_amount": Decimal("180000.00"),
        "original_value": Decimal("200000.00"),
        "years_used": Decimal("4.5"),
        "accumulated_depreciation": Decimal("50000.00"),
        **values,
    }
    return _create(services.used_equipment, enterprise, data)  # type: ignore[no-any-return]


def make_non_own(enterprise: Any, **values: Any) -> models.NonOwnProduct:
    data = {
        "voucher_no": f"XF{next(_seq):08d}",
        "invoice_date": date(2026, 9, 1),
        "commodity_code": "3303000000",
        "commodity_name": "香水",
        "unit": "千克",
        "quantity": Decimal("100"),
        "levy_rate": Decimal("0.15"),
        "taxable_amount": Decimal("20000.00"),
        "tax_amount": Decimal("3000.00"),
        "entry_id": f"5304202600{next(_seq):08d}",
        "export_quantity": Decimal("100"),
        **values,
    }
    return _create(services.non_own, enterprise, data)  # type: ignore[no-any-return]


REPORT = {"report_year": 2025, "contact": "张经理"}


def make_capacity_report(enterprise: Any, **values: Any) -> models.CapacityReport:
    data = {
        **REPORT,
        "plant_area": Decimal("12000.00"),
        "plant_tenure": "1",
        "main_equipment": "注塑机 40 台，原值 1,200 万元",
        "equipment_value": Decimal("12000000.00"),
        "staff_count": 320,
        "main_products": "微电机，年产能 300 万台",
        "last_year_output": Decimal("85000000.00"),
        "last_year_export": Decimal("61000000.00"),
        **values,
    }
    return _create(services.capacity_report, enterprise, data)  # type: ignore[no-any-return]


def make_risk_control_report(enterprise: Any, **values: Any) -> models.RiskControlReport:
    data = {
        **REPORT,
        "policies": "《出口退税内部控制制度》",
        "positions": "退税专员 2 名",
        "process_control": "合同、物流、收汇、单证四环节复核",
        "systems": "ERP 与退税申报系统对接",
        "self_inspection": "每季度自查，问题 30 日内整改",
        **values,
    }
    return _create(services.risk_control_report, enterprise, data)  # type: ignore[no-any-return]


for _model, _make in (
    (models.ProceedsReceipt, make_receipt),
    (models.InfoQuery, make_info_query),
    (models.NoInfoDeclaration, make_no_info),
    (models.SelfUseGoods, make_self_use),
    (models.UsedEquipment, make_used_equipment),
    (models.NonOwnProduct, make_non_own),
    (models.CapacityReport, make_capacity_report),
    (models.RiskControlReport, make_risk_control_report),
):
    isolation.register(_model, make=_make)
