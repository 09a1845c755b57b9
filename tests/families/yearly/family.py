"""The family's registration: its business on the wire and its steps with the engine."""

from __future__ import annotations

from rebate.declarations.families import (
    ALL_STEPS,
    Business,
    Family,
    FigureColumn,
    PeriodKind,
    QueryFigure,
    Step,
    register,
)
from rebate.declarations.package import records_writer
from rebate.declarations.sources import RecordTypeSource
from rebate.integrations.wire.package import register_business

from . import KEY, wire

register_business(wire.SPEC)
# 生成 → 数据自检 → 正式申报 / 撤销 → 审核结果下载 → 数据查询 (no summary, print or upload)
STEPS = ALL_STEPS - {Step.CONSISTENCY, Step.SUMMARY, Step.PRINT, Step.UPLOAD, Step.FEEDBACK_READ}

YEARLY = register(
    Family(
        key=KEY,
        label="测试年度申报",
        businesses=(Business(wire.SPEC.code, wire.SPEC.short_name, wire.SPEC.label),),
        period_kind=PeriodKind.YEAR,
        steps=STEPS,
        sources=(RecordTypeSource(KEY),),
        write_package=records_writer(KEY, sums={"amount_total": (wire.SECTION, "amount")}),
        figure_columns=(FigureColumn("amount_total", "金额合计"),),
        query_figures=(QueryFigure("金额合计", "amount_total", ""),),
        record_detail={wire.SECTION: f"{KEY}:yearlyline_detail"},
    )
)
