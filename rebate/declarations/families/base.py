"""The family registry: what a declaration family contributes to the one lifecycle engine.

DESIGN §4 rule 9: the five families (免抵退, 进料加工, 单证, 备案, 其他) share the batch, its
states, the package store, self-check, doubts, 确认申报, 撤销, feedback, print and query. A family
is configuration: its business code and file short name, its record sources (which rows join
a batch and become read-only), its package writer (sections), its local checks, its print
forms and the lifecycle steps it offers (SPEC §11's table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any, Protocol

from rebate.accounts.models import Enterprise, User
from rebate.integrations.wire.package.registry import PeriodKind

from .hooks import FigureColumn, OnApproved, OnFilings, QueryFigure, ReviewReading, SummaryStep

if TYPE_CHECKING:  # type-only: the registry stays importable without loading the models
    from ..models import DeclarationBatch

# The engine's names of the pages whose title a family may give its own (Family.titles)
PAGE_TITLES = {
    "generate": "生成申报数据",
    "print": "打印申报报表",
    "feedback_download": "审核结果下载",
    "query": "数据查询",
    "confirm": "确认申报",  # the row action (TS-25); 单证 and 其他 call it 正式申报 (DZ-13, QT-13)
    # The self-check buttons and tab (TS-22…24); 单证 and 其他 name them as their chapters do:
    # 远程申报, 自检结果查询, 疑点处理 (DZ-10…12, QT-10…12).
    "self_check": "数据自检",
    "refresh": "自检状态查询",
    "doubts": "疑点反馈",
}
PERIOD_LABELS = {PeriodKind.MONTH: "所属期", PeriodKind.YEAR: "申报年", PeriodKind.NONE: ""}


class Step(StrEnum):
    """The lifecycle steps of SPEC §11 (rows of its table)."""

    COLLECT = "collect"  # 采集 (新建/生成)
    CONSISTENCY = "consistency"  # 数据一致性检查
    SUMMARY = "summary"  # 生成汇总数据
    PRINT = "print"  # 打印
    GENERATE = "generate"  # 生成申报数据
    SELF_CHECK = "self_check"  # 数据自检 (with 自检状态查询 and 疑点)
    UPLOAD = "upload"  # 远程申报 without self-check (备案: 上传成功; 进料)
    CONFIRM = "confirm"  # 确认申报 / 正式申报
    REVOKE = "revoke"  # 撤销
    FEEDBACK_READ = "feedback_read"  # 反馈读入
    FEEDBACK_DOWNLOAD = "feedback_download"  # 审核结果下载
    QUERY = "query"  # 数据查询


ALL_STEPS = frozenset(Step)


@dataclass(frozen=True, slots=True)
class CheckIssue:
    """One problem of a local check: the calc Issue's fields plus the record it concerns."""

    code: str
    level: str
    skippable: bool
    message: str
    table: str
    line_no: str = ""
    item_key: str = ""
    record_id: int | None = None


@dataclass(frozen=True, slots=True)
class RecordLink:
    """Where a doubt's line lives in the product: the record's id and its detail URL name."""

    record_id: int
    url_name: str


class RecordSource(Protocol):
    """The rows of a family that a batch bundles; they are read-only while it is alive.

    A batch is of one business: ``attach`` gets its code and a source of another business
    joins nothing (a family of several businesses declares each in its own package). A source
    may also answer ``latest_open(enterprise=, period=)`` → (saved at, business code) of its
    newest row not yet in a batch: 生成申报数据's dialog then opens on that business
    (selectors.open_business)."""

    def attach(
        self,
        *,
        enterprise: Enterprise,
        actor: User | None,
        period: str,
        batch_id: int,
        business: str,
    ) -> int: ...

    def mark_declared(self, *, enterprise: Enterprise, actor: User, batch_id: int) -> int: ...

    def release(self, *, enterprise: Enterprise, actor: User, batch_id: int) -> int: ...

    def index(self, *, enterprise: Enterprise, batch_id: int, table: str) -> dict[str, RecordLink]:
        """申报序号 → the row, for one form of the batch (one query however many doubts)."""
        ...


@dataclass(frozen=True, slots=True)
class PackageRequest:
    """What a package writer gets: who declares what and what the family's summary step
    prepared for it (``SummaryForBatch.package_rows``; unsigned: the card signs the digest in
    the browser afterwards)."""

    enterprise: Enterprise
    period: str
    batch_no: str
    batch_id: int
    summary: object = None
    business_code: str = ""  # the business chosen for the batch (Family.businesses)


@dataclass(frozen=True, slots=True)
class PackageResult:
    filename: str
    digest: str
    line_count: int
    record_count: int
    # The batch's figures the writer counted while streaming (keys of Family.figure_columns)
    figures: Mapping[str, Decimal] = field(default_factory=dict)


PackageWriter = Callable[[IO[bytes], PackageRequest], PackageResult]
LocalChecks = Callable[[Enterprise, str], tuple[int, list[CheckIssue]]]


def _carried(batch: DeclarationBatch) -> int:
    return batch.line_count + batch.record_count


@dataclass(frozen=True, slots=True)
class PrintForm:
    """One paper form: its title, template and the function giving its rows and totals."""

    key: str
    title: str
    template: str
    context: Callable[[Enterprise, DeclarationBatch], Mapping[str, Any]]
    paged: bool = False  # laid out page by page (print_pages): large prints run as a job
    # A form printed per collected record before generating (SPEC §11: 单证, 备案): the model
    # ("app_label.Model") whose rows it prints; context is then (enterprise, record).
    record: str = ""
    # The form's name when the law renamed it: 所属期 → the name in force (``title`` otherwise).
    dated_title: Callable[[str], str] | None = None
    # How many rows the form prints for a batch, from the batch's own counts (no query): more
    # than PRINT_JOB_LINES and it prints as a background job with progress. None: a form of
    # fixed size (the 汇总表's 19 rows), printed at once. By default everything the batch
    # carries, an upper bound for any one of its forms.
    rows: Callable[[DeclarationBatch], int] | None = field(
        default=lambda b: b.line_count + b.record_count
    )

    def title_for(self, period: str) -> str:
        return self.dated_title(period) if self.dated_title is not None else self.title

    def long_for(self, batch: DeclarationBatch, limit: int) -> bool:
        """Whether this form of ``batch`` prints as a job (more than ``limit`` rows)."""
        return self.rows is not None and self.rows(batch) > limit


@dataclass(frozen=True, slots=True)
class Section:
    """One form carried in the package besides the main lines: its wire section, label and
    the model its records come from ("app_label.Model"; absent apps are skipped)."""

    name: str
    label: str
    model: str
    to_wire: Callable[[Any], Mapping[str, object]]


@dataclass(frozen=True, slots=True)
class Business:
    """One business a family declares (DOMAIN §6.1): its code, file short name, label and the
    wire sections of its record forms (empty: the family's sources decide)."""

    code: str
    short_name: str
    label: str
    forms: Sequence[str] = ()


@dataclass(frozen=True, kw_only=True)
class Family:
    """A family: one business (``business_code``/``short_name``, 免抵退) or several
    (``businesses``, picked in the 生成申报数据 dialog); a single business's code and short name
    are derived either way. ``period_kind``: a batch has a 所属期 (YYYYMM), a 申报年 (YYYY) or
    neither (each filing its own package, numbered by its sequence)."""

    key: str
    label: str
    steps: frozenset[Step]
    sources: Sequence[RecordSource]
    write_package: PackageWriter
    business_code: str = ""
    short_name: str = ""
    businesses: Sequence[Business] = ()
    period_kind: PeriodKind = PeriodKind.MONTH
    local_checks: LocalChecks | None = None
    sections: Sequence[Section] = ()
    print_forms: Sequence[PrintForm] = ()
    # 打印 comes before 生成申报数据 (SPEC §11: 单证, 备案): the print page lists the collected
    # records with their record forms; otherwise it prints formal batches only (免抵退).
    print_before_generate: bool = False
    # 零申报: the family may declare a period without any row (免抵退 under 公告2025年第20号, an
    # enterprise applying for 留抵退税 declares on time even without exports). The package then
    # carries no lines and goes through self-check and 确认申报 like any other batch.
    zero_declaration: bool = False
    feedback_family: str = ""  # the bureau's family name for review feedback
    # 生成汇总数据 (Step.SUMMARY): the family's summary, its dialog and page section
    summary: SummaryStep | None = None
    # The figures its batches carry, in the order the batch lists show them
    figure_columns: Sequence[FigureColumn] = ()
    # 数据查询's rows: declared figure beside the bureau's approved one
    query_figures: Sequence[QueryFigure] = ()
    # What the bureau's review results carry for the family (审核结果下载, 反馈读入)
    review: ReviewReading = field(default_factory=ReviewReading)
    # Called when the bureau approves a declaration of the family (feedback read in):
    # on_approved(enterprise=, actor=, review=, item_keys=)
    on_approved: OnApproved | None = None
    # Called with the bureau's 备案 list (filing feedback): on_filings(enterprise=, actor=,
    # feedback=) → the number of changes it made (备案申报 reads its own businesses there)
    on_filings: OnFilings | None = None
    # The period its pages open on: the latest with records not yet in a batch (enterprise) →
    # period | None; without one (or None) the latest batch's period, else last month
    open_period: Callable[[Enterprise], str | None] | None = None
    # Where the family's pages are named (views.common.family_url): a namespace mounting the
    # engine's family pages with the family fixed (免抵退's own, see urls.family_pages), or ""
    # for the engine's keyed pages (declarations:family_<page> with the family's key in the URL).
    url_namespace: str = ""
    # The manual's names of the family's pages where they differ from the engine's generic ones
    # (免抵退: 生成退税申报数据, 单证: 生成单证申报数据 …): page → title
    titles: Mapping[str, str] = field(default_factory=dict)
    # Wire table → URL name of a record's detail page, for a 申报序号 that names one
    record_detail: Mapping[str, str] = field(default_factory=dict)
    # Pages about one batch that other apps offer (label, URL name taking the batch's pk), linked
    # from the batch page: the engine names the URL, never the app.
    batch_links: Sequence[tuple[str, str]] = ()

    def __post_init__(self) -> None:
        if not self.businesses:
            if not self.business_code:
                raise ValueError(f"family {self.key} declares no business")
            only = Business(self.business_code, self.short_name, self.label)
            object.__setattr__(self, "businesses", (only,))
        elif len(self.businesses) == 1 and not self.business_code:
            object.__setattr__(self, "business_code", self.businesses[0].code)
            object.__setattr__(self, "short_name", self.businesses[0].short_name)

    def business(self, code: str) -> Business:
        """The family's business of ``code`` (LookupError for another family's)."""
        for business in self.businesses:
            if business.code == code:
                return business
        raise LookupError(f"{self.label}没有申报业务{code}")

    def title(self, page: str) -> str:
        """The heading of one of the family's pages: its own name, else the engine's."""
        return self.titles.get(page) or PAGE_TITLES[page]

    @property
    def period_label(self) -> str:
        """What a batch's period is called on the family's pages ("" when it has none)."""
        return PERIOD_LABELS[self.period_kind]

    def has(self, step: Step) -> bool:
        return step in self.steps

    def renamed_forms(self, period: str) -> list[str]:
        """The names in force for ``period`` of the family's forms the law renamed (a print
        form's ``dated_title``): the pages naming the declaration's forms show these."""
        return [f.title_for(period) for f in self.print_forms if f.dated_title is not None]

    def attach(
        self,
        *,
        enterprise: Enterprise,
        actor: User | None,
        period: str,
        batch_id: int,
        business: str,
    ) -> int:
        return sum(
            s.attach(
                enterprise=enterprise,
                actor=actor,
                period=period,
                batch_id=batch_id,
                business=business,
            )
            for s in self.sources
        )

    def mark_declared(self, *, enterprise: Enterprise, actor: User, batch_id: int) -> int:
        return sum(
            s.mark_declared(enterprise=enterprise, actor=actor, batch_id=batch_id)
            for s in self.sources
        )

    def release(self, *, enterprise: Enterprise, actor: User, batch_id: int) -> int:
        return sum(
            s.release(enterprise=enterprise, actor=actor, batch_id=batch_id) for s in self.sources
        )

    def record_index(
        self, *, enterprise: Enterprise, batch_id: int, table: str
    ) -> dict[str, RecordLink]:
        """申报序号 → the row of the batch's form `table`, across the family's sources."""
        found: dict[str, RecordLink] = {}
        for source in self.sources:
            found.update(source.index(enterprise=enterprise, batch_id=batch_id, table=table))
        return found

    def print_form(self, key: str) -> PrintForm:
        for form in self.print_forms:
            if form.key == key:
                return form
        raise KeyError(key)


class UnknownFamily(LookupError):
    pass


_REGISTRY: dict[str, Family] = {}


def register(family: Family) -> Family:
    _REGISTRY[family.key] = family
    return family


def get_family(key: str) -> Family:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise UnknownFamily(f"未知的申报业务“{key}”") from None


def known_family(key: str) -> Family | None:
    """The family of a stored row, None when it is no longer registered (history)."""
    return _REGISTRY.get(key)


def families() -> Iterable[Family]:
    return tuple(_REGISTRY.values())


def family_by_business_code(code: str) -> Family | None:
    return next((f for f in _REGISTRY.values() if any(b.code == code for b in f.businesses)), None)
