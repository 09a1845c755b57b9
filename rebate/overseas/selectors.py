"""海外仓出口货物核对: the enterprise's pre-refunded HWC-YT lines (declared 明细 lines carrying
业务类型 HWC-YT), each with its reconciliation if recorded, the due date of the dated rule
(rebate.calc.deadlines) and whether it is overdue; and the bureau's own list beside them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from django.http import Http404

from rebate.accounts.models import Enterprise
from rebate.calc.deadlines import DeadlineError, overseas_reconcile_deadline
from rebate.core.models import RecordStatus
from rebate.declarations import ports
from rebate.goods.models import ExportLine
from rebate.integrations.http import PartyError
from rebate.integrations.taxbureau import OverseasReport, PrerefundedLine

from .models import Outcome, OverseasReconciliation, Settlement

PREREFUND_TYPE = "HWC-YT"  # 业务类型 of a pre-refunded 海外仓 (9810) export
LINE_LIMIT = 500
RECOVER_LIMIT = 20  # bureau records read back per page (lines it took off our unreconciled)
RECORDED_AT_BUREAU = "税务机关已登记"


def is_prerefunded(line: ExportLine) -> bool:
    """Declared with HWC-YT: refunded at export, before the goods sold abroad."""
    return line.status == RecordStatus.DECLARED and PREREFUND_TYPE in line.business_type_codes


def prerefunded_lines(enterprise: Enterprise) -> Any:
    # `contains` narrows in SQL; is_prerefunded decides on the exact code (HWC-YT, not a prefix)
    return (
        ExportLine.objects.for_enterprise(enterprise)
        .filter(
            status=RecordStatus.DECLARED,
            business_types__contains=PREREFUND_TYPE,
            reverses__isnull=True,
        )
        .order_by("export_date", "id")
    )


def line_of(enterprise: Enterprise, pk: int) -> ExportLine:
    line = prerefunded_lines(enterprise).filter(pk=pk).first()
    if line is None or not is_prerefunded(line):
        raise Http404("没有这条海外仓预退税明细")
    found: ExportLine = line
    return found


def reconciliations(
    enterprise: Enterprise, line_ids: Iterable[int] | None = None
) -> dict[int, OverseasReconciliation]:
    """line id → its reconciliation (of the given lines, or all)."""
    rows = OverseasReconciliation.objects.for_enterprise(enterprise)
    if line_ids is not None:
        rows = rows.filter(line_id__in=list(line_ids))
    return {r.line_id: r for r in rows}


def reconciliation_of(enterprise: Enterprise, line: ExportLine) -> OverseasReconciliation | None:
    return reconciliations(enterprise, [line.pk]).get(line.pk)


def due_date(line: ExportLine) -> date | None:
    """The rule's last day; None for an export before 公告2025年第3号 (no rule covers it)."""
    try:
        return overseas_reconcile_deadline(line.export_date)
    except DeadlineError:
        return None


@dataclass(frozen=True)
class OverseasRow:
    line: ExportLine
    due: date | None
    reconciliation: OverseasReconciliation | None
    today: date
    at_bureau: bool | None = None  # on the bureau's unreconciled list (None: not asked)
    # What the bureau recorded for a line we have no record of: its report reached the bureau
    # and our save failed after it (None: we have a record, or the bureau has none / not asked).
    bureau_record: OverseasReport | None = None

    @property
    def reconciled(self) -> bool:
        return self.reconciliation is not None

    @property
    def recorded_at_bureau(self) -> bool:
        return not self.reconciled and self.bureau_record is not None

    @property
    def overdue(self) -> bool:
        """Unreconciled past the due date (the due day itself is still in time); a line the
        bureau recorded was reported in time as far as it knows."""
        if self.reconciled or self.recorded_at_bureau:
            return False
        return self.due is not None and self.today > self.due

    @property
    def status(self) -> str:
        if self.recorded_at_bureau:
            return RECORDED_AT_BUREAU
        return "已核对" if self.reconciled else "未核对"

    @property
    def bureau_summary(self) -> str:
        """The bureau's recorded figures, worded as our own record's summary."""
        report = self.bureau_record
        if report is None:
            return ""
        if report.outcome == Outcome.SOLD:
            return f"{report.sold_on:%Y-%m-%d} 售出 {report.sale_amount}"
        kind = dict(Settlement.choices).get(report.settlement, report.settlement)
        return f"{kind} {report.settle_amount}：{report.reason}"

    @property
    def mismatch(self) -> str:
        """Where our record and the bureau's list disagree ("" when they agree or unknown)."""
        if self.at_bureau is None:
            return ""
        if self.reconciled and self.at_bureau:
            return "税务局仍列为未核对"
        if self.recorded_at_bureau:
            return "税务机关已登记核对结果，本系统尚未记录"
        if not self.reconciled and not self.at_bureau:
            return "税务局清单中没有该明细"
        return ""


@dataclass(frozen=True)
class Overview:
    rows: list[OverseasRow]
    truncated: bool
    bureau_error: str = ""  # why the bureau's list could not be read
    bureau_only: list[PrerefundedLine] = field(default_factory=list)  # listed, not ours

    @property
    def bureau_count(self) -> int:
        return sum(1 for r in self.rows if r.at_bureau) + len(self.bureau_only)

    @property
    def overdue_count(self) -> int:
        return sum(1 for r in self.rows if r.overdue)

    @property
    def open_count(self) -> int:
        return sum(1 for r in self.rows if not r.reconciled and not r.recorded_at_bureau)


def rows(enterprise: Enterprise, today: date) -> tuple[list[OverseasRow], bool]:
    """Every pre-refunded line by 出口日期 (bounded: the oldest ``LINE_LIMIT``)."""
    found = [
        line for line in prerefunded_lines(enterprise)[: LINE_LIMIT + 1] if is_prerefunded(line)
    ]
    lines = found[:LINE_LIMIT]
    done = reconciliations(enterprise, [line.pk for line in lines])
    return [OverseasRow(line, due_date(line), done.get(line.pk), today) for line in lines], len(
        found
    ) > LINE_LIMIT


def bureau_unreconciled(enterprise: Enterprise) -> tuple[list[PrerefundedLine] | None, str]:
    """(the bureau's unreconciled list, "") or (None, why it could not be asked)."""
    try:
        return ports.bureau().overseas_unreconciled(customs_code=enterprise.customs_code), ""
    except PartyError as error:
        return None, str(error)
    except httpx.HTTPError as error:  # not reachable: the page still shows our own lines
        return None, f"税务局接口无法连接（{type(error).__name__}）"


def bureau_record(enterprise: Enterprise, line: ExportLine) -> tuple[OverseasReport | None, str]:
    """(what the bureau recorded for the line or None, "") or (None, why it could not be asked)."""
    try:
        port = ports.bureau()
        return port.overseas_reconciliation(
            customs_code=enterprise.customs_code, item_key=line.item_key
        ), ""
    except PartyError as error:
        return None, str(error)
    except httpx.HTTPError as error:
        return None, f"税务局接口无法连接（{type(error).__name__}）"


def overview(enterprise: Enterprise, today: date) -> Overview:
    """Our lines with the bureau's list compared line by line (by 出口报关单号)."""
    ours, truncated = rows(enterprise, today)
    listed, error = bureau_unreconciled(enterprise)
    if listed is None:
        return Overview(ours, truncated, error)
    keys = {line.item_key for line in listed}
    # A line the bureau no longer lists that we have no record of: read back what the bureau
    # recorded (its report got there, our save did not) — a few per page; unread ones show as
    # not listed.
    gone = [r.line for r in ours if not r.reconciled and r.line.item_key not in keys]
    recorded = {line.pk: bureau_record(enterprise, line)[0] for line in gone[:RECOVER_LIMIT]}
    compared = [
        OverseasRow(
            r.line, r.due, r.reconciliation, today, r.line.item_key in keys, recorded.get(r.line.pk)
        )
        for r in ours
    ]
    mine = {r.line.item_key for r in ours}
    return Overview(compared, truncated, "", [b for b in listed if b.item_key not in mine])
