"""The bureau's review of 进料加工核销 (A0307001 jlba, A0308001 jlbg, A0306001 jlhx), checked
against its own data (GS_JLJG_JHFPL: the rates on file; GS_JLJG_HXJG: the manuals customs wrote
off, with the totals of their customs records by 监管方式), never approved blindly.

* 备案 / 变更: the rate must be a fraction, the 备案's rate must be 计划进口总值 ÷ 计划出口总值,
  a 变更 needs its reason. Passed: the rate is on file (Filing row, Enterprise's current rate).
* 核销: each manual must be one customs wrote off; the bureau recomputes the 实际分配率 from its
  customs totals plus the declared 调整表 rows (rebate.calc.allocation) and returns the
  declaration when the declared rate differs. Passed: GS_JLJG_HXJG takes the confirmed totals
  and rate; the review answers the confirmed 应调整免抵退税额, per manual as its lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from rebate.calc.allocation import (
    AllocationError,
    Direction,
    ProcessingTradeRecord,
    planned_rate,
    rate_of_totals,
    record_totals,
)
from rebate.integrations.wire.package.processing import (
    ADJUSTMENT_SECTION,
    CHANGE,
    FILING,
    WRITEOFF,
)

from .hooks import Decision, Line, Records, register
from .models import Filing, Submission

ZERO = Decimal("0.00")
Rows = list[Mapping[str, Any]]


def _file_rate(submission: Submission, code: str, rate: Decimal, summary: str) -> None:
    """GS_JLJG_JHFPL: the rate is on file and is the enterprise's current one."""
    enterprise = submission.enterprise
    Filing.objects.create(
        enterprise=enterprise, business_code=code, short_name=submission.filename[-8:-4],
        filed_on=submission.submitted_at.date(), summary=summary[:500],
        planned_allocation_rate=rate,
    )  # fmt: skip
    enterprise.planned_allocation_rate = rate
    enterprise.save(update_fields=["planned_allocation_rate"])


def _main(submission: Submission, records: Records) -> Rows:
    from rebate.integrations.wire.package import business

    return list(records.get(business(submission.business_code).main.name, []))


def _refused(reasons: list[str]) -> Decision:
    return Decision(passed=False, reasons="；".join(reasons)[:2000])


def review_filing(submission: Submission, records: Records) -> Decision:
    rows = _main(submission, records)
    reasons = []
    for row in rows:
        try:
            expected = planned_rate(row["planned_imports"], row["planned_exports"])
        except AllocationError:
            reasons.append(f"序号{row['line_no']}：计划出口总值必须大于零")
            continue
        if expected != row["planned_rate"]:
            reasons.append(
                f"序号{row['line_no']}：计划分配率{row['planned_rate']}与计划进口总值÷计划出口总值"
                f"{expected}不一致"
            )
        elif not Decimal(0) <= expected <= 1:
            reasons.append(f"序号{row['line_no']}：计划分配率{expected}不在0至1之间")
    if reasons or not rows:
        return _refused(reasons or ["没有计划分配率备案记录"])
    last = rows[-1]
    _file_rate(submission, FILING, last["planned_rate"], f"计划分配率备案：手册{last['manual_no']}")
    return Decision(passed=True)


def review_change(submission: Submission, records: Records) -> Decision:
    rows = _main(submission, records)
    reasons = [
        f"序号{row['line_no']}：未填写变更原因"
        for row in rows
        if not str(row.get("reason", "")).strip()
    ]
    reasons += [
        f"序号{row['line_no']}：调整后计划分配率{row['new_rate']}不在0至1之间"
        for row in rows
        if not Decimal(0) <= row["new_rate"] <= 1
    ]
    if reasons or not rows:
        return _refused(reasons or ["没有计划分配率变更记录"])
    last = rows[-1]
    _file_rate(submission, CHANGE, last["new_rate"], f"计划分配率变更：{last['reason']}")
    return Decision(passed=True)


def _corrections(records: Records) -> dict[str, list[ProcessingTradeRecord]]:
    found: dict[str, list[ProcessingTradeRecord]] = {}
    for row in records.get(ADJUSTMENT_SECTION, []):
        found.setdefault(row["manual_no"], []).append(
            ProcessingTradeRecord(Direction(row["direction"]), row["trade_mode"], row["amount_cny"])
        )
    return found


def review_writeoff(submission: Submission, records: Records) -> Decision:
    enterprise = submission.enterprise
    results = {row.manual_no: row for row in enterprise.writeoffs.all()}
    corrections = _corrections(records)
    reasons, confirmed = [], []
    for row in _main(submission, records):
        manual_no = row["manual_no"]
        result = results.get(manual_no)
        if result is None:
            reasons.append(f"手（账）册{manual_no}海关未核销，不能办理核销申报")
            continue
        more_imports, more_exports = record_totals(corrections.get(manual_no, ()))
        try:
            rate = rate_of_totals(
                result.import_total + more_imports, result.export_total + more_exports
            )
        except AllocationError:
            reasons.append(f"手（账）册{manual_no}出口总值不大于零")
            continue
        if rate.rate != row["actual_rate"]:
            reasons.append(
                f"手（账）册{manual_no}：申报实际分配率{row['actual_rate']}与税务机关按海关数据"
                f"计算的实际分配率{rate.rate}不一致"
            )
        confirmed.append((row, result, rate))
    if reasons or not confirmed:
        return _refused(reasons or ["没有核销记录"])
    lines, refund = [], ZERO
    for row, result, rate in confirmed:  # GS_JLJG_HXJG takes the confirmed totals and rate
        result.import_total, result.export_total = rate.import_total, rate.export_total
        result.actual_rate = rate.rate
        result.save(update_fields=["import_total", "export_total", "actual_rate"])
        refund += row["refund_adjustment"]
        lines.append(Line(row["line_no"], row["manual_no"], amount=row["refund_adjustment"]))
    return Decision(passed=True, amount=refund, lines=tuple(lines))


register(FILING, review=review_filing)
register(CHANGE, review=review_change)
register(WRITEOFF, review=review_writeoff)
