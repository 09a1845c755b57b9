"""计划分配率备案及变更 (JL-01): the forms, their declaration through the engine and the bureau,
and the rate in force on a date that 生成退税 and the 免抵退 lines use (customs.sources hook)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from rebate.core.models import RecordStatus
from rebate.customs.sources import planned_allocation_rate
from rebate.declarations.choices import BatchStatus

from .. import CHANGE, FILING
from ..models import PlannedRate, PlannedRateChange
from ..records import change_service, planned_service
from .conftest import CODE
from .helpers import declare

pytestmark = pytest.mark.django_db
MANUAL = "C44039600001"


def file_rate(clerk, **values):
    data = {
        "period": "202601", "manual_no": MANUAL, "planned_imports": Decimal("6500000.00"),
        "planned_exports": Decimal("10000000.00"), "valid_from": date(2026, 1, 1), **values,
    }  # fmt: skip
    return planned_service.create(enterprise=clerk.enterprise, actor=clerk, data=data)


def test_a_filing_computes_its_rate_and_is_in_force_once_declared(clerk):
    e = clerk.enterprise
    row = file_rate(clerk)
    assert row.planned_rate == Decimal("0.650000")  # 6,500,000 ÷ 10,000,000
    assert planned_allocation_rate(e, date(2026, 3, 5)) is None  # not declared yet
    batch = declare(clerk, FILING, "202601")
    assert batch.status == BatchStatus.PASSED
    assert batch.package_name == f"{CODE}_202601_jlba.xml"
    row.refresh_from_db()
    assert row.status == RecordStatus.DECLARED
    assert planned_allocation_rate(e, date(2026, 3, 5), MANUAL) == Decimal("0.650000")
    assert planned_allocation_rate(e, date(2025, 12, 31)) is None  # before 启用日期
    bureau = apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=CODE)
    assert bureau.planned_allocation_rate == Decimal("0.650000")
    assert bureau.filings.filter(business_code=FILING).exists()


def test_a_change_takes_effect_on_its_date_with_the_previous_rate_recorded(clerk):
    e = clerk.enterprise
    file_rate(clerk)
    declare(clerk, FILING, "202601")
    change = change_service.create(
        enterprise=e, actor=clerk,
        data={"period": "202605", "new_rate": Decimal("0.58"), "valid_from": date(2026, 5, 1),
              "reason": "新签加工合同，进口料件比例下降"},
    )  # fmt: skip
    assert change.previous_rate == Decimal("0.650000")
    batch = declare(clerk, CHANGE, "202605")
    assert batch.status == BatchStatus.PASSED and batch.package_name.endswith("_jlbg.xml")
    assert planned_allocation_rate(e, date(2026, 4, 30)) == Decimal("0.650000")
    assert planned_allocation_rate(e, date(2026, 5, 1)) == Decimal("0.580000")
    bureau = apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=CODE)
    assert bureau.planned_allocation_rate == Decimal("0.580000")


def test_a_filing_batch_takes_only_its_business_rows(clerk):
    e = clerk.enterprise
    file_rate(clerk)
    change_service.create(
        enterprise=e, actor=clerk,
        data={"period": "202601", "new_rate": Decimal("0.6"), "valid_from": date(2026, 2, 1),
              "reason": "调整"},
    )  # fmt: skip
    batch = declare(clerk, FILING, "202601")
    assert batch.record_count == 1
    assert PlannedRateChange.objects.get().status == RecordStatus.COLLECTED


@pytest.mark.parametrize(
    ("service", "data", "field", "message"),
    [
        (change_service, {"reason": ""}, "reason", "变更原因为必填项"),
        (change_service, {"reason": "   "}, "reason", "变更原因为必填项"),
        (change_service, {"new_rate": Decimal("1.2")}, "new_rate", "分配率应为0至1之间的小数"),
        (change_service, {"new_rate": Decimal("-0.1")}, "new_rate", "分配率应为0至1之间的小数"),
        (planned_service, {"manual_no": "12345"}, "manual_no", "手（账）册号应为海关编号格式"),
        (
            planned_service,
            {"manual_no": "c4403960000"},
            "manual_no",
            "手（账）册号应为海关编号格式",
        ),
        (
            planned_service,
            {"planned_exports": Decimal("0")},
            "planned_exports",
            "计划出口总值必须大于零",
        ),
        (planned_service, {"planned_imports": Decimal("12000000")}, "planned_imports", "超过1"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_written(
    clerk, service, data, field, message
):
    base = (
        {"period": "202601", "new_rate": Decimal("0.6"), "valid_from": date(2026, 2, 1),
         "reason": "调整"}
        if service is change_service
        else {"period": "202601", "manual_no": MANUAL, "planned_imports": Decimal("6500000"),
              "planned_exports": Decimal("10000000"), "valid_from": date(2026, 1, 1)}
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        service.create(enterprise=clerk.enterprise, actor=clerk, data={**base, **data})
    assert message in " ".join(caught.value.message_dict[field])
    assert not PlannedRate.objects.exists() and not PlannedRateChange.objects.exists()
