"""The family's forms: one record declaration each (pages, services, wire section). Tabs per
business on 计划分配率备案及变更 (JL-01): 备案 A0307001 and 变更 A0308001, each with 新建."""

from __future__ import annotations

from typing import Any

from rebate.core.batch import BatchServices, batch_record
from rebate.core.forms import ConventionModelForm
from rebate.core.records import RecordType, register
from rebate.core.tables import record_table

from . import CHANGE, FILING, KEY, WRITEOFF, compute, wire
from .models import CustomsAdjustment, FeedbackManual, PlannedRate, PlannedRateChange, Writeoff

RATE_TABS = (
    ("计划分配率备案", f"{KEY}:plannedrate_list"),
    ("计划分配率变更", f"{KEY}:plannedratechange_list"),
)
WRITEOFF_TABS = (
    ("免抵退核销申报", f"{KEY}:writeoff_list"),
    ("已核销手（账）册海关数据调整表", f"{KEY}:customsadjustment_list"),
    ("加贸反馈", f"{KEY}:feedbackmanual_list"),
)


class PlannedRateForm(ConventionModelForm):
    class Meta:
        model = PlannedRate
        fields = ("period", "manual_no", "planned_imports", "planned_exports", "planned_rate",
                  "valid_from")  # fmt: skip

    computed_fields = ("planned_rate",)


class PlannedRateChangeForm(ConventionModelForm):
    class Meta:
        model = PlannedRateChange
        fields = ("period", "manual_no", "previous_rate", "new_rate", "valid_from", "reason")

    computed_fields = ("previous_rate",)


class WriteoffForm(ConventionModelForm):
    class Meta:
        model = Writeoff
        fields = ("period", "manual_no", "start_date", "end_date", *compute.WRITEOFF_COMPUTED)

    computed_fields = compute.WRITEOFF_COMPUTED


class CustomsAdjustmentForm(ConventionModelForm):
    class Meta:
        model = CustomsAdjustment
        fields = ("period", "manual_no", "direction", "entry_id", "g_no", "trade_mode",
                  "amount_cny", "reason")  # fmt: skip


class AdjustmentServices(BatchServices):
    """调整表 rows: every change recomputes the manual's 核销 rows at once (JL-05)."""

    def create(self, *, enterprise: Any, actor: Any, data: Any) -> Any:
        row = super().create(enterprise=enterprise, actor=actor, data=data)
        compute.recompute_writeoffs(enterprise, row.manual_no)
        return row

    def create_many(self, *, enterprise: Any, actor: Any, rows: Any, checked: Any = ()) -> Any:
        made = super().create_many(enterprise=enterprise, actor=actor, rows=rows, checked=checked)
        for manual_no in {row.manual_no for row in made}:
            compute.recompute_writeoffs(enterprise, manual_no)
        return made

    def update(self, *, obj: Any, enterprise: Any, actor: Any, data: Any) -> Any:
        before = obj.manual_no
        row = super().update(obj=obj, enterprise=enterprise, actor=actor, data=data)
        for manual_no in {before, row.manual_no}:
            compute.recompute_writeoffs(enterprise, manual_no)
        return row

    def delete(self, *, obj: Any, enterprise: Any, actor: Any) -> None:
        manual_no = obj.manual_no
        super().delete(obj=obj, enterprise=enterprise, actor=actor)
        compute.recompute_writeoffs(enterprise, manual_no)


planned_service = BatchServices(
    PlannedRate, compute=compute.compute_planned, computed=("planned_rate",),
    inputs=("planned_imports", "planned_exports"),
)  # fmt: skip
change_service = BatchServices(
    PlannedRateChange, compute=compute.compute_change, computed=("previous_rate",),
    check=compute.require_reason, inputs=("valid_from", "manual_no", "enterprise"),
)  # fmt: skip
writeoff_service = BatchServices(
    Writeoff, compute=compute.compute_writeoff, computed=compute.WRITEOFF_COMPUTED,
    check=compute.check_writeoff, inputs=("manual_no", "enterprise"),
)  # fmt: skip
adjustment_service = AdjustmentServices(CustomsAdjustment, check=compute.check_adjustment)

planned = batch_record(
    PlannedRate, "计划分配率备案", planned_service, namespace=KEY, family=KEY, business=FILING,
    table=record_table(PlannedRate, ("period", "sequence_no", "manual_no", "planned_imports",
                                     "planned_exports", "planned_rate", "valid_from", "status")),
    form=PlannedRateForm, wire_section=wire.FILING_SECTION, to_wire=wire.filing,
    tabs=RATE_TABS, spec=("JL-01",),
)  # fmt: skip
change = batch_record(
    PlannedRateChange, "计划分配率变更", change_service, namespace=KEY, family=KEY,
    business=CHANGE,
    table=record_table(PlannedRateChange, ("period", "sequence_no", "manual_no", "previous_rate",
                                           "new_rate", "valid_from", "reason", "status")),
    form=PlannedRateChangeForm, wire_section=wire.CHANGE_SECTION, to_wire=wire.change,
    tabs=RATE_TABS, spec=("JL-01",),
)  # fmt: skip
writeoff = batch_record(
    Writeoff, "免抵退核销申报", writeoff_service, namespace=KEY, family=KEY, business=WRITEOFF,
    table=record_table(Writeoff, ("period", "sequence_no", "manual_no", "start_date", "end_date",
                                  "actual_rate", "declared_exports", "refund_adjustment",
                                  "non_creditable_adjustment", "status", "confirmed_on")),
    form=WriteoffForm, wire_section=wire.WRITEOFF_SECTION, to_wire=wire.writeoff,
    tabs=WRITEOFF_TABS, spec=("JL-04",),
    extra_actions=(("生成核销表", f"{KEY}:writeoff_prefill"),),
)  # fmt: skip
adjustment = batch_record(
    CustomsAdjustment, "已核销手（账）册海关数据调整表", adjustment_service, namespace=KEY,
    family=KEY, business=WRITEOFF,
    table=record_table(CustomsAdjustment, ("period", "sequence_no", "manual_no", "direction",
                                           "entry_id", "g_no", "trade_mode", "amount_cny",
                                           "reason", "status")),
    form=CustomsAdjustmentForm, wire_section=wire.ADJUSTMENT_SECTION, to_wire=wire.adjustment,
    tabs=WRITEOFF_TABS, spec=("JL-05",),
)  # fmt: skip


class FeedbackManualForm(ConventionModelForm):
    class Meta:
        model = FeedbackManual
        fields = ("year", "manual_no")


feedback = register(
    RecordType(
        model=FeedbackManual, namespace=KEY, title="加贸反馈（进料加工手（账）册实际分配率反馈表）",
        table=record_table(FeedbackManual, ("year", "manual_no", "valid_from", "valid_to",
                                            "writeoff_date", "import_total", "export_total",
                                            "actual_rate", "source")),
        form=FeedbackManualForm, actions=("list", "detail", "export"), tabs=WRITEOFF_TABS,
        spec=("JL-02", "JL-03"),
        empty_hint="加贸反馈由税务机关提供：请在「反馈读入」读入反馈文件，或在「进料审核结果下载」"
                   "申请下载，读入后在此列出。",
    )
)  # fmt: skip
RECORDS = (planned, change, writeoff, adjustment, feedback)
