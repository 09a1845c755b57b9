"""Rows of the processing family for the tenant-isolation harness (and the tests)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rebate.core.testing import isolation

from ..models import (
    CustomsAdjustment,
    FeedbackManual,
    FeedbackRecord,
    PlannedRate,
    PlannedRateChange,
    Writeoff,
)
from ..records import adjustment_service, change_service, planned_service, writeoff_service

MANUAL = "C44039600001"


def make_planned(enterprise: Any, **values: Any) -> PlannedRate:
    data = {
        "period": "202601", "manual_no": MANUAL, "planned_imports": Decimal("6500000.00"),
        "planned_exports": Decimal("10000000.00"), "valid_from": date(2026, 1, 1), **values,
    }  # fmt: skip
    row: PlannedRate = planned_service.create(enterprise=enterprise, actor=None, data=data)
    return row


def make_change(enterprise: Any, **values: Any) -> PlannedRateChange:
    data = {"period": "202605", "new_rate": Decimal("0.6"), "valid_from": date(2026, 5, 1),
            "reason": "调整加工合同", **values}  # fmt: skip
    row: PlannedRateChange = change_service.create(enterprise=enterprise, actor=None, data=data)
    return row


def make_feedback(
    enterprise: Any,
    manual_no: str = MANUAL,
    records: tuple[tuple[str, str, str], ...] = (),
    **values: Any,
) -> FeedbackManual:
    data = {
        "year": "2025", "valid_from": date(2025, 1, 1), "valid_to": date(2025, 6, 30),
        "writeoff_date": date(2025, 7, 25), "import_total": Decimal("620000.00"),
        "export_total": Decimal("1000000.00"), "actual_rate": Decimal("0.620000"), **values,
    }  # fmt: skip
    row = FeedbackManual.objects.create(enterprise=enterprise, manual_no=manual_no, **data)
    FeedbackRecord.objects.bulk_create(
        FeedbackRecord(enterprise=enterprise, manual=row, direction=d, trade_mode=m,
                       amount_cny=Decimal(a))
        for d, m, a in records
    )  # fmt: skip
    return row


def make_writeoff(enterprise: Any, **values: Any) -> Writeoff:
    manual = FeedbackManual.objects.filter(enterprise=enterprise).first() or make_feedback(
        enterprise
    )
    data = {"period": "202604", "manual_no": manual.manual_no, "start_date": manual.valid_from,
            "end_date": manual.valid_to, **values}  # fmt: skip
    row: Writeoff = writeoff_service.create(enterprise=enterprise, actor=None, data=data)
    return row


def make_adjustment(enterprise: Any, **values: Any) -> CustomsAdjustment:
    manual = FeedbackManual.objects.filter(enterprise=enterprise).first() or make_feedback(
        enterprise
    )
    data = {"period": "202604", "manual_no": manual.manual_no, "direction": "I",
            "entry_id": "530120250000000001", "g_no": 1, "trade_mode": "0615",
            "amount_cny": Decimal("-10000.00"), "reason": "报关单金额更正", **values}  # fmt: skip
    row: CustomsAdjustment = adjustment_service.create(enterprise=enterprise, actor=None, data=data)
    return row


def make_record(enterprise: Any) -> FeedbackRecord:
    manual = make_feedback(enterprise, records=(("E", "0615", "1000.00"),))
    record: FeedbackRecord = manual.records.get()
    return record


isolation.register(PlannedRate, make=make_planned)
isolation.register(PlannedRateChange, make=make_change)
isolation.register(FeedbackManual, make=make_feedback)
isolation.register(FeedbackRecord, make=make_record)
isolation.register(Writeoff, make=make_writeoff)
isolation.register(CustomsAdjustment, make=make_adjustment)
