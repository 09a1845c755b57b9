"""加贸反馈 → 核销 → 调整表 → 远程申报 → the bureau's confirmation → 汇总表 rows 8 and 14, on a
seeded processing-trade enterprise and the real simulators (issue 16 points 3–5)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from rebate.calc.allocation import (
    EXPORT_ADDS_EXPORTS,
    EXPORT_REDUCES_IMPORTS,
    IMPORT_ADDS_IMPORTS,
    IMPORT_REDUCES_EXPORTS,
    IMPORT_REDUCES_IMPORTS,
)
from rebate.customs.sources import planned_allocation_rate
from rebate.declarations.choices import BatchStatus
from rebate.goods.tests.factories import make_export_line
from rebate.mdt.totals import mdt_writeoff
from tests.integration.conftest import seed_world

from .. import WRITEOFF, services
from ..models import CustomsAdjustment, FeedbackManual, Writeoff
from ..records import adjustment_service, writeoff_service
from .helpers import declare

pytestmark = pytest.mark.django_db
CENT, MICRO = Decimal("0.01"), Decimal("0.000001")


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return seed_world()


def by_hand(records: list[tuple[str, str, Decimal]]) -> tuple[Decimal, Decimal]:
    """DOMAIN §5.2 spelled out: 进口总值 and 出口总值 from the sums per direction and mode."""
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for direction, mode, amount in records:
        sums[(direction, mode)] += amount
    imports = (
        sum(sums[("I", m)] for m in IMPORT_ADDS_IMPORTS)
        - sum(sums[("E", m)] for m in EXPORT_REDUCES_IMPORTS)
        - sum(sums[("I", m)] for m in IMPORT_REDUCES_IMPORTS)
    )
    exports = sum(sums[("E", m)] for m in EXPORT_ADDS_EXPORTS) - sum(
        sums[("I", m)] for m in IMPORT_REDUCES_EXPORTS
    )
    return Decimal(imports), Decimal(exports)


def test_the_year_of_a_processing_trade_enterprise(world):
    e, clerk = world.enterprise, world.clerk
    # 进料审核结果下载 (JL-03) by 申报年 through the bureau port: the manual customs closed.
    assert services.trade_feedback_download(enterprise=e, actor=clerk, year="2026") == 1
    manual = FeedbackManual.objects.get(enterprise=e)
    records = list(manual.records.values_list("direction", "trade_mode", "amount_cny"))
    modes = {mode for _, mode, _ in records}
    assert {"0615", "0654", "0657", "0664", "0700", "0844", "0864", "4600"} <= modes
    imports, exports = by_hand(records)
    assert (manual.import_total, manual.export_total) == (imports, exports)
    rate = (imports / exports).quantize(MICRO, ROUND_HALF_UP)
    assert manual.actual_rate == rate

    # Exports declared under the manual at the 计划分配率 0.65, one 红字冲减 among them.
    declared = {
        "status": "declared", "handbook_no": manual.manual_no, "trade_mode": "0615",
        "allocation_rate": Decimal("0.65"), "levy_rate": Decimal("0.13"),
        "rebate_rate": Decimal("0.09"), "export_date": date(2026, 7, 10),
    }  # fmt: skip
    make_export_line(e, fob_cny=Decimal("500000.00"), **declared)
    make_export_line(e, fob_cny=Decimal("300000.00"), **declared)
    make_export_line(e, fob_cny=Decimal("-20000.00"), **declared)

    # A line exported inside the written-off manual's cycle takes its 实际分配率 (DOMAIN §5.4).
    in_cycle = manual.valid_from
    assert planned_allocation_rate(e, in_cycle, manual.manual_no) == rate

    # 生成核销表 (JL-04) prefilled per manual from the feedback.
    [row] = services.writeoffs_prefill(enterprise=e, actor=clerk, period="202610", year="2026")
    assert (row.start_date, row.end_date) == (manual.valid_from, manual.valid_to)
    assert (row.actual_rate, row.declared_exports) == (rate, Decimal("780000.00"))
    over = Decimal("780000.00") * (Decimal("0.65") - rate)
    assert row.refund_adjustment == (over * Decimal("0.09")).quantize(CENT, ROUND_HALF_UP)
    assert row.non_creditable_adjustment == (over * Decimal("0.04")).quantize(CENT, ROUND_HALF_UP)

    # 调整表 (JL-05): an export customs under-recorded; the rate on the form changes at once.
    adjustment_service.create(
        enterprise=e, actor=clerk,
        data={"period": "202610", "manual_no": manual.manual_no, "direction": "E",
              "entry_id": "530120260000000077", "g_no": 1, "trade_mode": "0615",
              "amount_cny": Decimal("50000.00"), "reason": "报关单出口金额漏录"},
    )  # fmt: skip
    row.refresh_from_db()
    adjusted = (imports / (exports + 50000)).quantize(MICRO, ROUND_HALF_UP)
    assert row.actual_rate == adjusted and row.export_total == exports + 50000
    over = Decimal("780000.00") * (Decimal("0.65") - adjusted)
    refund = (over * Decimal("0.09")).quantize(CENT, ROUND_HALF_UP)
    non_creditable = (over * Decimal("0.04")).quantize(CENT, ROUND_HALF_UP)
    assert (row.refund_adjustment, row.non_creditable_adjustment) == (refund, non_creditable)

    # 生成进料申报数据 → 远程申报 (上传成功) → 进料审核结果下载: the bureau recomputes the rate
    # from its own customs data plus the 调整表 and confirms it.
    assert mdt_writeoff(e, "202610").refund_adjustment == 0  # nothing before confirmation
    batch = declare(clerk, WRITEOFF, "202610")
    assert batch.status == BatchStatus.PASSED, batch.bureau_reasons
    assert batch.record_count == 2 and batch.package_name.endswith("_202610_jlhx.xml")
    assert batch.figure("refund_adjustment") == refund
    row.refresh_from_db()
    assert row.confirmed_rate == adjusted and row.confirmed_on is not None
    bureau = apps.get_model("sim_taxbureau", "WriteoffResult").objects.get(
        manual_no=manual.manual_no
    )
    assert bureau.actual_rate == adjusted

    # The next 汇总 (所属期 of the 核销) takes the confirmed adjustments: rows 8 and 14.
    totals = mdt_writeoff(e, "202610")
    assert (totals.non_creditable_adjustment, totals.refund_adjustment) == (non_creditable, refund)
    assert mdt_writeoff(e, "202609").refund_adjustment == 0
    # The confirmed rate is the cycle's rate now, and from the day after the confirmation the
    # rate on file is the year's 综合实际分配率 (one manual: its confirmed rate).
    assert planned_allocation_rate(e, in_cycle, manual.manual_no) == adjusted
    after = row.confirmed_on + timedelta(days=1)
    assert planned_allocation_rate(e, after, "C44039609999") == adjusted
    print("JL YEAR", manual.manual_no, "rate", rate, "→", adjusted, "declared 780000.00",
          "row14", refund, "row8", non_creditable)  # fmt: skip


def test_bad_write_off_input_is_refused_at_the_field_and_nothing_written(world):
    e, clerk = world.enterprise, world.clerk
    services.trade_feedback_download(enterprise=e, actor=clerk, year="2026")
    manual = FeedbackManual.objects.get(enterprise=e)
    open_manual = apps.get_model("sim_customs", "Manual").objects.get(
        enterprise__customs_code=e.customs_code, status="执行"
    )
    with pytest.raises(ValidationError) as caught:
        writeoff_service.create(
            enterprise=e, actor=clerk,
            data={"period": "202610", "manual_no": open_manual.manual_no,
                  "start_date": date(2026, 9, 1), "end_date": date(2026, 12, 31)},
        )  # fmt: skip
    assert "海关尚未核销" in caught.value.message_dict["manual_no"][0]
    with pytest.raises(ValidationError) as caught:
        adjustment_service.create(
            enterprise=e, actor=clerk,
            data={"period": "202610", "manual_no": open_manual.manual_no, "direction": "I",
                  "entry_id": "530120260000000078", "g_no": 1, "trade_mode": "0615",
                  "amount_cny": Decimal("1.00"), "reason": "更正"},
        )  # fmt: skip
    assert "不在加贸反馈中" in caught.value.message_dict["manual_no"][0]
    with pytest.raises(ValidationError) as caught:
        services.writeoffs_prefill(enterprise=e, actor=clerk, period="202610", year="2025")
    assert "没有加贸反馈数据" in caught.value.message_dict["year"][0]
    with pytest.raises(ValidationError) as caught:
        services.trade_feedback_download(enterprise=e, actor=clerk, year="26")
    assert caught.value.message_dict["year"] == [services.YEAR_MESSAGE]
    assert not Writeoff.objects.exists() and not CustomsAdjustment.objects.exists()
    assert FeedbackManual.objects.get() == manual


def test_the_bureau_returns_a_write_off_whose_rate_is_not_its_own(world):
    e, clerk = world.enterprise, world.clerk
    services.trade_feedback_download(enterprise=e, actor=clerk, year="2026")
    manual = FeedbackManual.objects.get(enterprise=e)
    # The product's copy of the customs data differs from the bureau's (a record lost).
    manual.records.filter(direction="I", trade_mode="0654").delete()
    services.writeoffs_prefill(enterprise=e, actor=clerk, period="202610", year="2026")
    row = Writeoff.objects.get()
    assert row.actual_rate != manual.actual_rate
    batch = declare(clerk, WRITEOFF, "202610")
    assert batch.status == BatchStatus.RETURNED
    assert f"税务机关按海关数据计算的实际分配率{manual.actual_rate}不一致" in batch.bureau_reasons
    row.refresh_from_db()
    assert row.confirmed_on is None and mdt_writeoff(e, "202610").refund_adjustment == 0
