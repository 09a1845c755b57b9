"""进料加工核销 on the family engine: three businesses (计划分配率备案 A0307001 jlba, 变更
A0308001 jlbg, 免抵退核销 A0306001 jlhx), declared by 所属期 with SPEC §11's 进料 steps —
采集 → 打印 → 生成申报数据 → 远程申报 (上传成功, no self-check) → 反馈读入 / 审核结果下载 →
数据查询. 撤销 only of a batch not uploaded or returned by the bureau [project decision: a
returned 核销 must be correctable; the manual names no 撤销 for 进料].

The family provides the lower layers' hooks (rebate.customs.sources): the 分配率 in force on a
line's export date, and the confirmed 核销 adjustments of a 所属期 (汇总表 rows 8 and 14).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from rebate.accounts.models import Enterprise, User
from rebate.customs.sources import (
    provide_planned_allocation_rate,
    provide_processing_writeoff,
    provide_writeoff_cycles,
)
from rebate.declarations.families import (
    Business,
    Family,
    FigureColumn,
    PeriodKind,
    QueryFigure,
    ReviewReading,
    Step,
    register,
)
from rebate.declarations.gates import register_gate
from rebate.declarations.package import records_writer
from rebate.declarations.sources import RecordTypeSource
from rebate.integrations.wire.feedback import ReviewedLine, ReviewResult

from . import CHANGE, FILING, KEY, WRITEOFF, gates, prints, selectors, wire

if TYPE_CHECKING:
    from rebate.declarations.models import ReviewRecord

STEPS = frozenset({
    Step.COLLECT, Step.PRINT, Step.GENERATE, Step.UPLOAD, Step.REVOKE, Step.FEEDBACK_READ,
    Step.FEEDBACK_DOWNLOAD, Step.QUERY,
})  # fmt: skip
ADJUSTMENTS = {
    "refund_adjustment": (wire.WRITEOFF_SECTION, "refund_adjustment"),
    "non_creditable_adjustment": (wire.WRITEOFF_SECTION, "non_creditable_adjustment"),
}


def confirm_writeoffs(
    *, enterprise: Enterprise, actor: User, review: ReviewRecord, item_keys: list[str]
) -> None:
    """The bureau confirmed a 核销 (its own rate equals the declared one): the batch's manuals
    are written off with that 实际分配率, their adjustments go into the 所属期's 汇总."""
    from .models import Writeoff

    if review.batch_id is None:
        return
    rows = Writeoff.objects.filter(enterprise=enterprise, declaration_batch_id=review.batch_id)
    for row in rows:
        row.confirmed_on = review.reviewed_on or review.created_at.date()
        row.confirmed_rate = row.actual_rate
    Writeoff.objects.bulk_update(rows, ["confirmed_on", "confirmed_rate"])


def approved_figures(result: ReviewResult) -> Mapping[str, Decimal | None]:
    """The bureau's confirmed 应调整免抵退税额 of a 核销 (its 应退税额 column)."""
    return {"refund_adjustment": result.refund}


def approved_line(line: ReviewedLine) -> Mapping[str, Decimal | None]:
    return {"refund_adjustment": line.exempt_credit_refund}


REVIEW = ReviewReading(
    columns=(FigureColumn("refund_adjustment", "核准应调整免抵退税额"),),
    line_columns=(FigureColumn("refund_adjustment", "应调整免抵退税额"),),
    line_key_label="手（账）册号（数字）",
    figures=approved_figures,
    line_figures=approved_line,
)

PROCESSING = register(
    Family(
        key=KEY,
        label="进料加工核销",
        period_kind=PeriodKind.MONTH,
        businesses=(
            Business(FILING, "jlba", "计划分配率备案"),
            Business(CHANGE, "jlbg", "计划分配率变更"),
            Business(WRITEOFF, "jlhx", "免抵退核销申报"),
        ),
        steps=STEPS,
        sources=(RecordTypeSource(KEY, FILING), RecordTypeSource(KEY, CHANGE),
                 RecordTypeSource(KEY, WRITEOFF)),
        write_package=records_writer(KEY, sums=ADJUSTMENTS),
        print_forms=prints.PRINT_FORMS,
        feedback_family=KEY,
        figure_columns=(
            FigureColumn("refund_adjustment", "应调整免抵退税额"),
            FigureColumn("non_creditable_adjustment", "应调整不得免征和抵扣税额"),
        ),
        query_figures=(
            QueryFigure("应调整免抵退税额", "refund_adjustment", "refund_adjustment",
                        "refund_adjustment"),
        ),
        review=REVIEW,
        on_approved=confirm_writeoffs,
        url_namespace=KEY,
        titles={"generate": "生成进料申报数据", "print": "打印进料申报报表",
                "feedback_download": "进料审核结果下载"},
        record_detail={wire.WRITEOFF_SECTION: f"{KEY}:writeoff_detail",
                       wire.ADJUSTMENT_SECTION: f"{KEY}:customsadjustment_detail",
                       wire.FILING_SECTION: f"{KEY}:plannedrate_detail",
                       wire.CHANGE_SECTION: f"{KEY}:plannedratechange_detail"},
    )
)  # fmt: skip

provide_planned_allocation_rate(selectors.rate_resolver)
provide_processing_writeoff(selectors.confirmed_writeoff)
provide_writeoff_cycles(selectors.written_off_cycles)
register_gate(gates.writeoff_due)
