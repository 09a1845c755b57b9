"""Typed content of the tax bureau's answers: doubts, review, 加贸 and filing feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Status of a submitted package as the bureau reports it (the product's batch states).
CHECKING = "自检中"
CHECKED = "自检完成"  # no doubts, or only 可挑过 ones
BLOCKED = "有不可跳过疑点"
UNDER_REVIEW = "审核中"  # formally declared (已确认申报), awaiting review
UPLOADED = "上传成功"  # 远程申报 of a business without self-check, awaiting review
PASSED = "审核通过"
RETURNED = "退回"
REVOKED = "已撤销"
STATUSES = (CHECKING, CHECKED, BLOCKED, UNDER_REVIEW, UPLOADED, PASSED, RETURNED, REVOKED)


@dataclass(frozen=True, slots=True)
class Doubt:
    """One 疑点 (DOMAIN §8.1): level E + not skippable = 不可挑过; I + skippable = 可挑过."""

    code: str
    level: str
    skippable: bool
    message: str
    table: str
    line_no: str = ""
    item_key: str = ""


@dataclass(frozen=True, slots=True)
class DoubtList:
    receipt_no: str
    customs_code: str
    period: str
    business_code: str
    status: str
    doubts: tuple[Doubt, ...]

    @property
    def has_blocking(self) -> bool:
        return any(not doubt.skippable for doubt in self.doubts)


@dataclass(frozen=True, slots=True)
class ReviewedLine:
    """A declared 明细表 line as the bureau recorded it (feeds 反馈读入, TS-28)."""

    line_no: str
    item_key: str
    quantity: Decimal
    fob_usd: Decimal
    fob_cny: Decimal
    exempt_credit_refund: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ReviewResult:
    receipt_no: str
    business_code: str
    period: str
    result: str  # 审核通过 / 退回 / 审核中 / 已撤销
    line_count: int
    fob_usd_total: Decimal
    fob_cny_total: Decimal
    reviewed_on: date | None = None
    exempt_credit_refund: Decimal | None = None  # 免抵退税额
    refund: Decimal | None = None  # 应退税额
    exempt_credit: Decimal | None = None  # 免抵税额
    reasons: str = ""  # 退回原因, or the reason of an approval with 审核调整
    lines: tuple[ReviewedLine, ...] = ()
    adjustment: Decimal | None = None  # 审核调整: approved − declared 应退税额


@dataclass(frozen=True, slots=True)
class ReviewFeedback:
    customs_code: str
    family: str
    period: str
    declarations: tuple[ReviewResult, ...]


@dataclass(frozen=True, slots=True)
class ManualRecord:
    """One customs 报关单 line of a written-off manual by 监管方式 (RMB), as the bureau holds it."""

    direction: str  # I / E
    trade_mode: str
    amount_cny: Decimal
    entry_id: str = ""
    g_no: int = 1


@dataclass(frozen=True, slots=True)
class ManualFeedback:
    """《进料加工手（账）册实际分配率反馈表》 row: a manual customs wrote off."""

    manual_no: str
    valid_from: date
    valid_to: date
    writeoff_date: date
    import_total: Decimal
    export_total: Decimal
    actual_rate: Decimal
    records: tuple[ManualRecord, ...] = ()  # the customs data the rate is computed from


@dataclass(frozen=True, slots=True)
class ProcessingFeedback:
    customs_code: str
    year: int
    manuals: tuple[ManualFeedback, ...]


@dataclass(frozen=True, slots=True)
class FilingRecord:
    business_code: str  # A0101001 备案, A0307001 计划分配率备案, …
    short_name: str
    filed_on: date
    status: str
    summary: str = ""
    planned_allocation_rate: Decimal | None = None
    category: str = ""  # 分类管理类别 1..4


@dataclass(frozen=True, slots=True)
class FilingFeedback:
    customs_code: str
    filings: tuple[FilingRecord, ...]
