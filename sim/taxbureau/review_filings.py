"""The bureau's review of 备案申报's businesses (A0101001…A0409005): each filing is checked
against what the bureau holds — the taxpayer's registration, its 备案 records (``Filing``),
the other taxpayers it knows and the enterprise's open declarations — and approved (a new
``Filing`` row, which the 备案 feedback then lists) or returned with every reason at once
(公告2026年第5号 第6条: 一次性告知).

Rules [project decision, after FORMS.md Part 2]:
- 备案 (A0101001): refused while a 备案 is in force (a change is a 变更); the form's
  统一社会信用代码 and 海关企业代码 must be the registration's.
- Every other filing needs a 备案 in force.
- 撤回 (A0103001): refused while a declaration is under review (自检中, 审核中, 上传成功 of another
  business) or the refunds are not settled.
- 先退税后核销资格 (A0107001): once; 集团成员 (A0105001): each member must be a taxpayer the bureau
  knows; 放弃 (A0409002–4): not twice; 恢复适用 (A0409005): only a 放弃 in force, and not within
  36 months of its 备案 (FORMS §3.5, believed); 委托代办 (A0109001): the 外贸综合服务企业 must be
  a registered taxpayer, one agency at a time; its 撤回 (A0109002) needs that agency.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from rebate.integrations.wire.package.filings import SPECS

from . import reminders
from .hooks import Decision, Records, register
from .models import Enterprise, Filing, Status, Submission

REGISTER, WITHDRAW, AGENCY = "A0101001", "A0103001", "A0109001"
WAIVERS = ("A0409002", "A0409003", "A0409004")
RESUME = "A0409005"
WAITING_MONTHS = 36
OPEN = (Status.CHECKING, Status.DECLARED, Status.UPLOADED)  # not yet decided


def _filings(enterprise: Enterprise, *codes: str) -> Any:
    return enterprise.filings.filter(business_code__in=codes, status="已备案").order_by("id")


def registered(enterprise: Enterprise) -> Filing | None:
    """The 备案 in force: the latest 备案 not followed by a 撤回."""
    last = _filings(enterprise, REGISTER, WITHDRAW).last()
    return last if last is not None and last.business_code == REGISTER else None


def _in_force(enterprise: Enterprise, code: str) -> Filing | None:
    """A 放弃 (or 委托代办) in force: filed, not ended by a later 恢复适用 (or 撤回) naming it."""
    last = _filings(enterprise, code).last()
    if last is None:
        return None
    ender = RESUME if code in WAIVERS else "A0109002"
    ended = _filings(enterprise, ender).filter(id__gt=last.id, summary__startswith=code)
    return None if ended.exists() else last


def _months_later(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _registration(sub: Submission, rows: list[dict[str, Any]]) -> list[str]:
    e = sub.enterprise
    found = registered(e)
    reasons = []
    if found is not None:
        reasons.append(f"企业已于{found.filed_on:%Y-%m-%d}办理出口退（免）税备案，"
                       "备案内容发生变化的请办理备案变更")  # fmt: skip
    for row in rows:
        if row["uscc"] != e.uscc or row["customs_code"] != e.customs_code:
            reasons.append("备案表的统一社会信用代码或海关企业代码与税务登记信息不一致")
    return reasons


def _withdrawal(sub: Submission, rows: list[dict[str, Any]]) -> list[str]:
    open_ = Submission.objects.filter(enterprise=sub.enterprise, status__in=OPEN).exclude(
        business_code__in=list(SPECS)
    )
    reasons = [
        f"申报{row.receipt_no}（{row.business_code}，所属期{row.period or '—'}）尚在{row.status}，"
        "须审核完毕后方可撤回备案"
        for row in open_.order_by("id")[:5]
    ]
    if any(row["settled"] != "Y" for row in rows):
        reasons.append("尚未结清退（免）税款，不能撤回出口退（免）税备案")
    return reasons


def _once(code: str, what: str) -> Callable[[Submission, list[dict[str, Any]]], list[str]]:
    def check(sub: Submission, rows: list[dict[str, Any]]) -> list[str]:
        held = _in_force(sub.enterprise, code)
        return [f"企业已于{held.filed_on:%Y-%m-%d}{what}，不能重复办理"] if held else []

    return check


def _group(sub: Submission, rows: list[dict[str, Any]]) -> list[str]:
    reasons = []
    for row in rows:
        member = Enterprise.objects.filter(customs_code=row["member_customs_code"]).first()
        if member is None or member.uscc != row["member_taxpayer_id"]:
            reasons.append(f"成员企业{row['member_name']}（{row['member_customs_code']}）"
                           "未在税务机关办理出口退（免）税备案或纳税人识别号不符")  # fmt: skip
    return reasons


def _resumption(sub: Submission, rows: list[dict[str, Any]]) -> list[str]:
    reasons = []
    for row in rows:
        waiver = _in_force(sub.enterprise, row["waiver_code"])
        label = SPECS[row["waiver_code"]].label
        if waiver is None:
            reasons.append(f"企业没有在执行的{label}备案，无需恢复适用")
            continue
        earliest = _months_later(waiver.filed_on, WAITING_MONTHS) + datetime.timedelta(days=1)
        if row["resume_from"] < earliest:
            reasons.append(f"企业于{waiver.filed_on:%Y-%m-%d}{label}，{WAITING_MONTHS}个月内不得"
                           f"恢复适用，{earliest:%Y-%m-%d}起方可申请")  # fmt: skip
    return reasons


def _agency(sub: Submission, rows: list[dict[str, Any]]) -> list[str]:
    reasons = _once(AGENCY, "委托代办退税备案")(sub, rows)
    for row in rows:
        agent = Enterprise.objects.filter(customs_code=row["agent_customs_code"]).first()
        if agent is None or agent.uscc != row["agent_uscc"]:
            reasons.append(
                f"外贸综合服务企业{row['agent_name']}未在税务机关办理备案或社会信用代码不符"
            )
    return reasons


def _agency_withdrawal(sub: Submission, rows: list[dict[str, Any]]) -> list[str]:
    if _in_force(sub.enterprise, AGENCY) is None:
        return ["企业没有在执行的委托代办退税备案"]
    return []


def _nothing(sub: Submission, rows: list[dict[str, Any]]) -> list[str]:
    return []


CHECKS: dict[str, Callable[[Submission, list[dict[str, Any]]], list[str]]] = {
    REGISTER: _registration, "A0102001": _nothing, WITHDRAW: _withdrawal,
    "A0105001": _group, "A0107001": _once("A0107001", "取得先退税后核销资格"),
    AGENCY: _agency, "A0109002": _agency_withdrawal, "A0409001": _nothing,
    "A0409002": _once("A0409002", "放弃免税权"), "A0409003": _once("A0409003", "放弃零税率"),
    "A0409004": _once("A0409004", "放弃出口退（免）税"), RESUME: _resumption,
}  # fmt: skip


def _summary(code: str, rows: list[dict[str, Any]]) -> str:
    """The 备案's summary; a 恢复适用 / 委托代办撤回 starts with the code it ends."""
    if code == RESUME:
        return ",".join(row["waiver_code"] for row in rows) + " 恢复适用"
    if code == "A0109002":
        return f"{AGENCY} 撤回委托{rows[0]['agent_name']}代办退税" if rows else AGENCY
    if code == "A0409001":
        return reminders.summary(rows)
    if code == "A0102001":
        return "；".join(f"{r['label']}：{r.get('old', '')}→{r.get('new', '')}" for r in rows)
    return f"{SPECS[code].label}（{len(rows)}份）"


def review(submission: Submission, records: Records) -> Decision:
    """Review one uploaded filing: approve it (a new Filing) or return it with its reasons."""
    code = submission.business_code
    rows = [dict(row) for row in records[SPECS[code].main.name]]
    reasons = []
    if code != REGISTER and registered(submission.enterprise) is None:
        reasons.append("企业未办理出口退（免）税备案或备案已撤回，请先办理备案")
    reasons += CHECKS[code](submission, rows)
    if reasons:
        return Decision(False, "；".join(reasons)[:2000])
    filing = Filing.objects.create(
        enterprise=submission.enterprise, business_code=code, short_name=SPECS[code].short_name,
        filed_on=timezone.localdate(), summary=_summary(code, rows)[:500],
    )  # fmt: skip
    if code == "A0409001":
        reminders.confirm(filing)
        reminders.send_reminders(submission.enterprise)
    return Decision(True)


for _code in SPECS:
    register(_code, review=review)
