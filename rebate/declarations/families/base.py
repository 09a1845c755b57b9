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
from enum import StrEnum
from typing import IO, Any, Protocol


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
    """The rows of a family that a batch bundles; they are read-only while it is alive."""

    def attach(self, *, enterprise: Any, actor: Any, period: str, batch_id: int) -> int: ...

    def mark_declared(self, *, enterprise: Any, actor: Any, batch_id: int) -> int: ...

    def release(self, *, enterprise: Any, actor: Any, batch_id: int) -> int: ...

    def index(self, *, enterprise: Any, batch_id: int, table: str) -> dict[str, RecordLink]:
        """申报序号 → the row, for one form of the batch (one query however many doubts)."""
        ...


@dataclass(frozen=True, slots=True)
class PackageRequest:
    """What a package writer gets: who declares what and the batch's 汇总表 (unsigned: the card
    signs the digest in the browser afterwards)."""

    enterprise: Any
    period: str
    batch_no: str
    batch_id: int
    summary: Mapping[int, tuple[Any, Any, Any]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PackageResult:
    filename: str
    digest: str
    line_count: int
    record_count: int
    totals: Mapping[str, Any] = field(default_factory=dict)


PackageWriter = Callable[[IO[bytes], PackageRequest], PackageResult]
LocalChecks = Callable[[Any, str], tuple[int, list[CheckIssue]]]


@dataclass(frozen=True, slots=True)
class PrintForm:
    """One paper form: its title, template and the function giving its rows and totals."""

    key: str
    title: str
    template: str
    context: Callable[[Any, Any], Mapping[str, Any]]  # (enterprise, batch) → template context
    paged: bool = False  # laid out page by page (print_pages): large prints run as a job


@dataclass(frozen=True, slots=True)
class Section:
    """One form carried in the package besides the main lines: its wire section, label and
    the model its records come from ("app_label.Model"; absent apps are skipped)."""

    name: str
    label: str
    model: str
    to_wire: Callable[[Any], Mapping[str, object]]


@dataclass(frozen=True)
class Family:
    key: str
    business_code: str
    short_name: str
    label: str
    steps: frozenset[Step]
    sources: Sequence[RecordSource]
    write_package: PackageWriter
    local_checks: LocalChecks | None = None
    sections: Sequence[Section] = ()
    print_forms: Sequence[PrintForm] = ()
    feedback_family: str = ""  # the bureau's family name for review feedback
    # 生成汇总数据: (enterprise, period, batch_id | None) → (goods totals, services totals, lines)
    summary_totals: Callable[[Any, str, int | None], Any] | None = None
    # Rows 8 and 14: confirmed 进料加工核销 adjustments (enterprise, period) → ProcessingWriteoff
    writeoff: Callable[[Any, str], Any] | None = None
    # When the lines a summary is made of last changed: (enterprise, period) → datetime | None
    lines_changed_at: Callable[[Any, str], Any] | None = None
    # Where the family's pages are named (views.common.family_url): a namespace whose unkeyed
    # names are its own (免抵退: "declarations"), or "" for the engine's keyed pages
    # (declarations:family_<page> with the family's key in the URL).
    # The period its pages open on: the latest with records not yet in a batch (enterprise) →
    # period | None; without one (or None) the latest batch's period, else last month
    open_period: Callable[[Any], str | None] | None = None
    url_namespace: str = ""
    # Wire table → URL name of a record's detail page, for a 申报序号 that names one
    record_detail: Mapping[str, str] = field(default_factory=dict)

    def has(self, step: Step) -> bool:
        return step in self.steps

    def attach(self, *, enterprise: Any, actor: Any, period: str, batch_id: int) -> int:
        return sum(
            s.attach(enterprise=enterprise, actor=actor, period=period, batch_id=batch_id)
            for s in self.sources
        )

    def mark_declared(self, *, enterprise: Any, actor: Any, batch_id: int) -> int:
        return sum(
            s.mark_declared(enterprise=enterprise, actor=actor, batch_id=batch_id)
            for s in self.sources
        )

    def release(self, *, enterprise: Any, actor: Any, batch_id: int) -> int:
        return sum(
            s.release(enterprise=enterprise, actor=actor, batch_id=batch_id) for s in self.sources
        )

    def record_index(self, *, enterprise: Any, batch_id: int, table: str) -> dict[str, RecordLink]:
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


def families() -> Iterable[Family]:
    return tuple(_REGISTRY.values())


def family_by_business_code(code: str) -> Family | None:
    return next((f for f in _REGISTRY.values() if f.business_code == code), None)
