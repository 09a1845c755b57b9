"""免抵退税申报 (A0305001, ``scsb``): the 免抵退 family's registration with the lifecycle engine."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from rebate.accounts.models import Enterprise, User
from rebate.declarations.families import (
    ALL_STEPS,
    Family,
    FigureColumn,
    PeriodKind,
    QueryFigure,
    ReviewReading,
    Step,
    register,
)
from rebate.declarations.gates import register_gate
from rebate.declarations.sources import RecordTypeSource
from rebate.integrations.wire.feedback import ReviewedLine, ReviewResult

from . import KEY
from .checks import mdt_local_checks
from .package import make_writer
from .prints import print_forms
from .summary_step import MdtSummary
from .totals import mdt_open_period
from .vat_return import vat_return_first

if TYPE_CHECKING:
    from rebate.declarations.models import ReviewRecord

# Every goods and services form of the A0305001 bundle (their RecordTypes name it); the 明细表
# (TSSB) is streamed by the writer itself, the others are its sections.
BUNDLE = RecordTypeSource(family=KEY, business="A0305001")
SECTIONS = BUNDLE.sections()


def mark_customs_declared(
    *, enterprise: Enterprise, actor: User, review: ReviewRecord, item_keys: list[str]
) -> None:
    """An approved 免抵退 declaration makes the 报关单 of its lines 已申报, so that they are not
    generated and declared again (also when it is known only from feedback)."""
    from rebate.customs.services import declarations_mark_declared

    declarations_mark_declared(
        enterprise=enterprise,
        actor=actor,
        item_keys=item_keys,
        period=review.period,
        note=f"税局审核通过：所属期{review.period}，受理回执号{review.receipt_no}",
    )


def approved_figures(result: ReviewResult) -> dict[str, Decimal | None]:
    """The bureau's totals of a reviewed 免抵退 declaration (keys of the batch's figures)."""
    return {
        "fob_usd_total": result.fob_usd_total,
        "fob_cny_total": result.fob_cny_total,
        "exempt_credit_refund": result.exempt_credit_refund,
        "refund_due": result.refund,
        "exempt_credit": result.exempt_credit,
        "adjustment": result.adjustment,  # 审核调整 (its reason is the review's reasons)
    }


def approved_line(line: ReviewedLine) -> dict[str, Decimal | None]:
    return {
        "quantity": line.quantity,
        "fob_usd": line.fob_usd,
        "fob_cny": line.fob_cny,
        "exempt_credit_refund": line.exempt_credit_refund,
    }


REVIEW = ReviewReading(
    columns=(
        FigureColumn("fob_usd_total", "美元离岸价合计", listed=False),
        FigureColumn("fob_cny_total", "人民币离岸价合计", listed=False),
        FigureColumn("exempt_credit_refund", "核准免抵退税额"),
        FigureColumn("refund_due", "核准应退税额"),
        FigureColumn("exempt_credit", "核准免抵税额"),
        FigureColumn("adjustment", "审核调整额"),
    ),
    line_columns=(
        FigureColumn("quantity", "出口数量"),
        FigureColumn("fob_usd", "美元离岸价"),
        FigureColumn("fob_cny", "人民币离岸价"),
        FigureColumn("exempt_credit_refund", "免抵退税额"),
    ),
    line_key_label="出口报关单号",
    figures=approved_figures,
    line_figures=approved_line,
)

MDT = register(
    Family(
        key=KEY,
        business_code="A0305001",
        short_name="scsb",
        label="免抵退税申报",
        period_kind=PeriodKind.MONTH,  # 所属期 YYYYMM
        steps=ALL_STEPS - {Step.UPLOAD},
        sources=(BUNDLE,),
        write_package=make_writer(SECTIONS),
        local_checks=mdt_local_checks,
        sections=SECTIONS,
        print_forms=print_forms(SECTIONS),
        feedback_family="mdt",
        summary=MdtSummary(),
        zero_declaration=True,  # 公告2025年第20号 (DOMAIN §7.8, §16)
        figure_columns=(
            FigureColumn("fob_usd_total", "出口销售额（美元）", listed=False),
            FigureColumn("fob_cny_total", "出口销售额（人民币）", listed=False),
            FigureColumn("exempt_credit_refund", "免抵退税额"),
            FigureColumn("refund_due", "应退税额"),
            FigureColumn("exempt_credit", "免抵税额", listed=False),
        ),
        query_figures=(
            QueryFigure("人民币离岸价合计", "fob_cny_total", "fob_cny_total", "fob_cny"),
            QueryFigure(
                "免抵退税额", "exempt_credit_refund", "exempt_credit_refund", "exempt_credit_refund"
            ),
            QueryFigure("应退税额", "refund_due", "refund_due"),
            QueryFigure("免抵税额", "exempt_credit", "exempt_credit"),
        ),
        review=REVIEW,
        on_approved=mark_customs_declared,
        open_period=mdt_open_period,
        url_namespace="mdt",
        titles={
            "generate": "生成退税申报数据",
            "print": "打印退税申报报表",
            "feedback_download": "退税审核结果下载",
        },
        record_detail={"TSSB": "goods:exportline_detail"},
        # expected (汇总) against approved and received refund (rebate.refunds)
        batch_links=(("退税到账跟踪", "refunds:batch"),),
    )
)

register_gate(vat_return_first)  # 2026+ periods: the VAT return comes first (Art. 15)
