"""The hooks a family fills for the engine's pages and services: the figures its batches and
reviews carry, its 生成汇总数据 step and what it does when a declaration is approved."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from django import forms

from rebate.accounts.models import Enterprise, User
from rebate.integrations.wire.feedback import FilingFeedback, ReviewResult
from rebate.integrations.wire.feedback import ReviewedLine as WireReviewedLine

if TYPE_CHECKING:  # type-only: the registry stays importable without loading the models
    from ..models import DeclarationBatch, ReviewRecord


@dataclass(frozen=True, slots=True)
class FigureColumn:
    """One figure a family's batches carry (DeclarationBatch.figures[key]), with its label;
    ``listed`` ones are also columns of the batch list and the 确认申报 dialog (the batch's
    page shows them all)."""

    key: str
    label: str
    listed: bool = True


@dataclass(frozen=True, slots=True)
class QueryFigure:
    """One row of 数据查询: the batch's declared figure beside the bureau's approved one.

    ``review_figure`` names the approved figure (a key of ReviewReading.columns); ``line_sum``
    the line figure (a key of ReviewReading.line_columns) whose sum is the declared figure of a
    declaration known only from feedback ("" when the lines do not give it).
    """

    label: str
    figure: str
    review_figure: str
    line_sum: str = ""


def _no_figures(_: ReviewResult | WireReviewedLine) -> Mapping[str, Decimal | None]:
    return {}


@dataclass(frozen=True, slots=True)
class ReviewReading:
    """What a family reads from the bureau's review of one of its declarations (审核结果下载,
    反馈读入): the approved figures of the declaration and of each of its lines, keyed like
    ``columns`` / ``line_columns``, which 审核结果下载, the review's page and 数据查询 show.

    ``figures`` takes the wire's ReviewResult, ``line_figures`` one of its ReviewedLines; a
    figure the bureau did not give is None (and not stored).
    """

    columns: Sequence[FigureColumn] = ()
    line_columns: Sequence[FigureColumn] = ()
    line_key_label: str = "关联单证号"  # what a line's item_key is (免抵退: 出口报关单号)
    figures: Callable[[ReviewResult], Mapping[str, Decimal | None]] = _no_figures
    line_figures: Callable[[WireReviewedLine], Mapping[str, Decimal | None]] = _no_figures


@dataclass(frozen=True, slots=True)
class SummaryForBatch:
    """What a family's summary gives the batch 生成申报数据 is writing: the rows its package
    writer carries (PackageRequest.summary) and figures of the batch (they win over the
    writer's own, e.g. 免抵退's 第11栏 over the lines' sum)."""

    package_rows: object
    figures: Mapping[str, Decimal] = field(default_factory=dict)


class SummaryStep(Protocol):
    """生成汇总数据 of a family (SPEC §11): the dialog, the generation, the page section and
    what 生成申报数据 takes from it. The engine's pages and services call only these."""

    @property
    def form_class(self) -> type[forms.Form]:
        """The dialog's form (a PeriodForm: it carries the 所属期)."""
        ...

    @property
    def template(self) -> str:
        """The page section that shows the summary; it gets ``section`` (from ``section``)."""
        ...

    def initial(self, enterprise: Enterprise, period: str) -> Mapping[str, Any]:
        """The dialog's initial values for the period."""
        ...

    def generate(
        self, *, enterprise: Enterprise, actor: User, period: str, data: Mapping[str, Any]
    ) -> str:
        """Generate the period's summary from the dialog's cleaned data; the success message."""
        ...

    def section(
        self, enterprise: Enterprise, period: str, batch: DeclarationBatch | None, *, draft: bool
    ) -> Mapping[str, Any]:
        """The section's context: the batch's summary, else (``draft``) the period's draft."""
        ...

    def refuse_stale(self, enterprise: Enterprise, period: str) -> None:
        """ValidationError when the period's draft no longer matches its data."""
        ...

    def for_batch(self, enterprise: Enterprise, period: str, batch_id: int) -> SummaryForBatch:
        """The draft checked against the rows that joined ``batch_id`` (ValidationError when
        there is none or it differs), and what it gives the package and the batch."""
        ...

    def bind(self, enterprise: Enterprise, period: str, batch: DeclarationBatch) -> None:
        """The period's draft now belongs to ``batch`` and never changes again."""
        ...


class OnApproved(Protocol):
    """What a family does when the bureau approves one of its declarations, read in from
    feedback (免抵退: the 报关单 of its lines become 已申报)."""

    def __call__(
        self, *, enterprise: Enterprise, actor: User, review: ReviewRecord, item_keys: list[str]
    ) -> None: ...


class OnFilings(Protocol):
    """What a family reads from the bureau's 备案 list (filing feedback, 反馈读入 and 审核结果
    下载): it applies the filings it knows and returns how many changes it made."""

    def __call__(self, *, enterprise: Enterprise, actor: User, feedback: FilingFeedback) -> int: ...
