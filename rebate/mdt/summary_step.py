"""免抵退's 生成汇总数据 as the engine's SummaryStep: the dialog, the 汇总表 section of the
generate and batch pages, and what 生成申报数据 takes from the draft.

The package carries the 19 rows; the batch's 免抵退税额, 应退税额 and 免抵税额 are the summary's
rows 11, 18 and 19. Generating refuses a draft whose rows 2, 4, 6 or 11 (or line count) differ
from the lines that joined the batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise, User
from rebate.declarations.families import SummaryForBatch
from rebate.declarations.services import refuse_blocking_problems

from . import KEY, selectors
from .forms import SummaryForm
from .models import Summary
from .services import compute_rows, summary_generate, summary_staleness
from .vat_return import fetch as fetch_vat_return

if TYPE_CHECKING:
    from rebate.declarations.models import DeclarationBatch

SUMMARY_CHECK_ROWS = (2, 4, 6, 11)
# The batch figures the summary gives (Family.figure_columns keys) → 汇总表 row.
FIGURE_ROWS = {"exempt_credit_refund": 11, "refund_due": 18, "exempt_credit": 19}


def _batch_summary(batch: DeclarationBatch | None) -> Summary | None:
    return getattr(batch, "summary", None) if batch is not None else None


class MdtSummary:
    form_class = SummaryForm
    template = "mdt/_summary_section.html"

    def initial(self, enterprise: Enterprise, period: str) -> Mapping[str, Any]:
        draft = selectors.draft_summary(enterprise, period)
        filed, _ = fetch_vat_return(enterprise, period) if period else (None, "")
        typed = getattr(draft, "ending_credit", None)
        return {
            "vat_transfer_out": getattr(draft, "vat_transfer_out", None),
            # row 17 is offered from the filed VAT return; a draft's own typed value stays
            "ending_credit": filed.ending_credit if filed is not None and typed is None else typed,
            "ending_credit_reason": getattr(draft, "ending_credit_reason", ""),
        }

    def generate(
        self, *, enterprise: Enterprise, actor: User, period: str, data: Mapping[str, Any]
    ) -> str:
        summary_generate(
            enterprise=enterprise,
            actor=actor,
            period=period,
            vat_transfer_out=data["vat_transfer_out"],
            ending_credit=data["ending_credit"],
            ending_credit_reason=data.get("ending_credit_reason") or "",
        )
        return f"已生成所属期{period}的汇总数据"

    def section(
        self, enterprise: Enterprise, period: str, batch: DeclarationBatch | None, *, draft: bool
    ) -> Mapping[str, Any]:
        summary = _batch_summary(batch)
        if summary is None and draft:
            summary = selectors.draft_summary(enterprise, period)
        stale = (
            summary_staleness(enterprise, summary)
            if summary is not None and summary.batch_id is None
            else ""
        )  # a draft older than its lines is shown as 已过期 (a batch's never changes)
        return {
            "summary": summary,
            "rows": selectors.summary_table(summary) if summary is not None else [],
            "stale": stale,
            # On 生成退税申报数据, once its package exists the 汇总表 folds to one line: at
            # 1366×768 the 19 rows pushed 申报数据上传 (the batch's state after 数据自检) below
            # the screen. The batch's own page keeps it open.
            "folded": draft and summary is not None and summary.batch_id is not None,
        }

    def refuse_stale(self, enterprise: Enterprise, period: str) -> None:
        """Before 生成申报数据: the draft must be current, and the last 数据一致性检查 without a
        不可跳过 problem (e.g. a line past its 申报期限: for 2026 exports 36 months, treated as
        a domestic sale) — also when the check ran after the 汇总数据 was generated."""
        refuse_blocking_problems(enterprise, KEY, period, "生成申报数据")
        summary = selectors.draft_summary(enterprise, period)
        reason = summary_staleness(enterprise, summary) if summary is not None else ""
        if reason:
            raise ValidationError(f"汇总数据已过期（{reason}），请重新生成汇总数据")

    def for_batch(self, enterprise: Enterprise, period: str, batch_id: int) -> SummaryForBatch:
        summary = selectors.draft_summary(enterprise, period)
        if summary is None:
            raise ValidationError("请先生成汇总数据")
        stored, _ = selectors.summary_rows(summary)
        now, _, count = compute_rows(enterprise, period, summary.ending_credit, batch_id)
        if count != summary.line_count or any(
            now.row(r) != stored.row(r) for r in SUMMARY_CHECK_ROWS
        ):
            raise ValidationError("生成汇总数据后明细数据有变动，请重新生成汇总数据")
        lines = {line.row: line for line in summary.lines.all()}
        rows: dict[int, tuple[Decimal, Decimal, Decimal | None]] = {
            r: (line.current, line.year_to_date, line.vat_difference) for r, line in lines.items()
        }
        figures = {key: lines[row].current for key, row in FIGURE_ROWS.items()}
        return SummaryForBatch(package_rows=rows, figures=figures)

    def bind(self, enterprise: Enterprise, period: str, batch: DeclarationBatch) -> None:
        summary = selectors.draft_summary(enterprise, period)
        if summary is not None:
            summary.batch = batch
            summary.save(update_fields=["batch", "updated_at"])
