"""其他申报's registration with the lifecycle engine: seven businesses (one per form, the two
管理类别评定 reports in one), declared by 所属期, with SPEC §11's step table for the family:
生成 → 远程申报（数据自检）→ 自检结果查询 → 疑点处理 → 正式申报 → 打印 → 反馈读入 →
周边审核结果下载 → 数据查询, and 撤销已申报数据 taking generated data back to editing."""

from __future__ import annotations

from decimal import Decimal
from typing import IO

from rebate.declarations.families import (
    ALL_STEPS,
    Business,
    Family,
    FigureColumn,
    PackageRequest,
    PackageResult,
    PeriodKind,
    PrintForm,
    QueryFigure,
    ReviewReading,
    Step,
    register,
)
from rebate.declarations.package import records_writer
from rebate.declarations.sources import RecordTypeSource
from rebate.integrations.wire.feedback import ReviewedLine, ReviewResult
from rebate.integrations.wire.package.other import OTHER_BUSINESSES

from . import KEY, NON_OWN, SELF_USE, USED_EQUIPMENT, effects
from .printing import print_sheet

# The businesses whose rows carry a 退税额 (the batch's and the bureau's figure)
REFUNDED = {SELF_USE: "GJZY", USED_EQUIPMENT: "YSSB", NON_OWN: "FZCHW"}
STEPS = ALL_STEPS - {Step.CONSISTENCY, Step.SUMMARY, Step.UPLOAD}


WRITERS = {
    spec.code: records_writer(
        KEY, sums={"refund_total": (REFUNDED[spec.code], "refund")} if spec.code in REFUNDED else {}
    )
    for spec in OTHER_BUSINESSES
}


def write_package(out: IO[bytes], request: PackageRequest) -> PackageResult:
    return WRITERS[request.business_code](out, request)


def approved_figures(result: ReviewResult) -> dict[str, Decimal | None]:
    return {"refund_total": result.refund}


def approved_line(line: ReviewedLine) -> dict[str, Decimal | None]:
    """A refunded line carries the bureau's 核准退税额; an 信息查询 line (no refund) the answer,
    1 有电子信息 / 0 无, in ``quantity`` [project decision: the shared feedback line format]."""
    if line.exempt_credit_refund is not None:
        return {"refund": line.exempt_credit_refund}
    return {"info_present": line.quantity}


OTHER = register(
    Family(
        key=KEY,
        label="其他申报",
        businesses=tuple(Business(s.code, s.short_name, s.label) for s in OTHER_BUSINESSES),
        period_kind=PeriodKind.MONTH,
        steps=STEPS,
        sources=tuple(RecordTypeSource(KEY, s.code) for s in OTHER_BUSINESSES),
        write_package=write_package,
        print_forms=(
            PrintForm("sheet", "其他申报表", "other_declarations/print/sheet.html", print_sheet),
        ),
        feedback_family=KEY,
        figure_columns=(FigureColumn("refund_total", "申报退税额"),),
        query_figures=(QueryFigure("退税额", "refund_total", "refund_total", "refund"),),
        review=ReviewReading(
            columns=(FigureColumn("refund_total", "核准退税额"),),
            line_columns=(
                FigureColumn("refund", "核准退税额"),
                FigureColumn("info_present", "有电子信息（1有/0无）"),
            ),
            line_key_label="单证号码",
            figures=approved_figures,
            line_figures=approved_line,
        ),
        on_approved=effects.on_approved,
        url_namespace=KEY,
        titles={
            "generate": "生成其他申报数据",
            "print": "打印其他申报报表",
            "feedback_download": "周边审核结果下载",
            "confirm": "正式申报",  # QT-13
            "self_check": "远程申报",  # QT-10: sends the package for self-check
            "refresh": "自检结果查询",  # QT-11
            "doubts": "疑点处理",  # QT-12
        },
    )
)
