"""数据一致性检查 of the 免抵退 family (TS-19): the period's data through rebate.calc.checks.

What is checked is calc's: rates against the library on the export date, a 报关单 item declared
twice except by 冲减, 进料加工 手册号 and 分配率, FOB differences without a 差异说明, export
dates within the 申报期限, the 汇总表 arithmetic, a 红字冲减-退运 line against its issued
退运已补税证明 (goods.evidence gives them to the context). One rule is the family's own because calc
has no data for it yet: a 四类 enterprise's lines need 收汇 data (DOMAIN §10).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from rebate.accounts.models import Enterprise
from rebate.calc.checks import CheckContext, Issue, ReturnCertificate, WriteoffCycle, run_checks
from rebate.calc.mdt import SummaryRows
from rebate.calc.periods import Period
from rebate.codes.extensions import deadline_extensions
from rebate.declarations.families import CheckIssue
from rebate.goods.evidence import issued_return

from . import inputs

CLASS_4 = "4"
RECEIPT_MISSING = "LOCAL_SHOUHUI_MISSING"
RECEIPT_MESSAGE = "四类企业出口报关单{item_key}未采集收汇情况（收汇证明或不能收汇证明）"


def _deadline_rules() -> Any:
    from rebate.codes.selectors import mdt_deadline_rules

    return mdt_deadline_rules()


def _summary(enterprise: Enterprise, period: str) -> SummaryRows | None:
    from .selectors import draft_summary

    summary = draft_summary(enterprise, period)
    if summary is None:
        return None
    return SummaryRows.from_rows({line.row: line.current for line in summary.lines.all()})


def _allocation(enterprise: Enterprise, parsed: Period) -> dict[str, Any]:
    """进料加工 (DOMAIN §5.4): the 计划分配率 in force at the period's end and the written-off
    manuals' cycles, from the processing family through rebate.customs.sources' hooks."""
    from rebate.customs.sources import planned_allocation_rate, writeoff_cycles

    cycles = {
        manual_no: [WriteoffCycle(start, end, rate) for start, end, rate in rows]
        for manual_no, rows in writeoff_cycles(enterprise).items()
    }
    return {
        "planned_allocation_rate": planned_allocation_rate(enterprise, parsed.last_day),
        "writeoffs": cycles,
    }


def context(enterprise: Enterprise, period: str, keys: list[str]) -> CheckContext:
    from rebate.configuration.selectors import enterprise_rate_method

    parsed = Period.parse(period)
    category = enterprise.category
    return CheckContext(
        period=parsed,
        customs=inputs.customs_records(enterprise, keys),
        earlier=inputs.earlier_declared(enterprise, period, keys),
        returned_goods=_returned_goods(enterprise, keys),
        library=inputs.library_lookup(),
        enterprise_class=int(category) if str(category).isdigit() else None,
        exchange_rates=inputs.rate_source(),
        rate_method=enterprise_rate_method(enterprise, parsed.year),
        deadline_rules=_deadline_rules(),
        deadline_extensions=deadline_extensions(enterprise, keys),
        today=timezone.localdate(),
        summary=_summary(enterprise, period),
        **_allocation(enterprise, parsed),
    )


def _issue(issue: Issue, ids: dict[str, int]) -> CheckIssue:
    record = issue.record
    line_no = record.line_id or ""
    return CheckIssue(
        code=issue.code,
        level=issue.level,
        skippable=issue.skippable,
        message=issue.message,
        table=record.table,
        line_no=line_no,
        item_key=record.item_key or "",
        record_id=ids.get(line_no) if record.table == "TSSB" else None,
    )


RETURN_UNCERTIFIED = "MDT_CKHW_BGD_HZCJ_TY"


def _returned_goods(enterprise: Enterprise, keys: list[str]) -> dict[str, ReturnCertificate]:
    """The issued 退运已补税证明 of the items (goods.evidence), for calc's HZCJ_TY rule."""
    return {
        key: ReturnCertificate(cert.number, cert.returned_fob_cny)
        for key, cert in issued_return(enterprise, keys).items()
    }


def receipts_missing(
    enterprise: Enterprise, lines: list[Any], ids: dict[str, int]
) -> list[CheckIssue]:
    if str(enterprise.category) != CLASS_4:
        return []
    have = inputs.receipt_keys(enterprise)
    return [
        CheckIssue(
            RECEIPT_MISSING,
            "E",
            False,
            RECEIPT_MESSAGE.format(item_key=line.item_key),
            "TSSB",
            line.line_id,
            line.item_key,
            ids.get(line.line_id),
        )
        for line in lines
        if not line.is_red_letter and line.item_key not in have
    ]


def mdt_local_checks(enterprise: Enterprise, period: str) -> tuple[int, list[CheckIssue]]:
    """(lines checked, problems) for the period's collected data."""
    rows = inputs.collected_lines(enterprise, period).order_by("sequence_no", "id")
    lines, ids = inputs.declared_lines(
        rows.values_list(*inputs.LINE_FIELDS).iterator(chunk_size=2000),
        inputs.fob_notes(enterprise, period),
    )
    keys = sorted({line.item_key for line in lines})
    issues = [_issue(i, ids) for i in run_checks(lines, context(enterprise, period, keys))]
    return len(lines), issues + receipts_missing(enterprise, lines, ids)
