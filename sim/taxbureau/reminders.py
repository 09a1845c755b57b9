"""出口退税业务提醒 (A0409001 txfw): once the bureau approved an enterprise's 提醒申请, it texts the
numbers the application named (through the SMS gateway simulator) about what it sees in its
own data, with the dates of rebate.calc.deadlines:

- 即将逾期申报: exports (报关单电子信息) not yet declared whose 申报期限 is within 30 days;
- 收汇: exports without a 收汇 record whose 收汇 deadline is within 30 days;
- 单证备案: declarations accepted in the last 15 days, whose 备案单证 must be kept in order
  within 15 days of declaring (公告2026年第5号 第44条).

The subscription is the latest approved A0409001 ``Filing`` (its summary ``txfw 号码,号码 |
事项,事项 | 办理类型``); 取消 ends it. A text already sent to a phone is not sent again.
``send_reminders`` runs on approval and from ``manage.py sim_send_reminders`` (the bureau's
daily run).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rebate.calc.deadlines import deadline_status, declaration_deadline, remittance_deadline
from sim.sms.models import Message

from .models import DeclaredLine, Enterprise, Filing, Status, Submission
from .registry import clock

CODE = "A0409001"
CANCEL = "03"
WARN_DAYS = 30
SIGN = "【国家税务总局】"


@dataclass(frozen=True)
class Subscription:
    phones: tuple[str, ...]
    items: frozenset[str]


def summary(rows: list[dict[str, object]]) -> str:
    """The Filing's summary of an approved 提醒申请 (its last row counts)."""
    row = rows[-1]
    phones = ",".join(str(p) for p in (row.get("phone1"), row.get("phone2")) if p)
    return f"txfw {phones} | {row.get('items', '')} | {row.get('action', '')}"


def subscription(enterprise: Enterprise) -> Subscription | None:
    latest = enterprise.filings.filter(business_code=CODE, status="已备案").order_by("id").last()
    if latest is None or not latest.summary.startswith("txfw "):
        return None
    phones, items, action = (part.strip() for part in latest.summary[5:].split("|"))
    if action == CANCEL or not phones:
        return None
    return Subscription(tuple(phones.split(",")), frozenset(i for i in items.split(",") if i))


def _due(deadlines: list[date], today: date) -> tuple[int, date] | None:
    warned = [d for d in deadlines if deadline_status(d, today, WARN_DAYS).warn]
    return (len(warned), min(warned)) if warned else None


def texts(enterprise: Enterprise, items: frozenset[str], today: date) -> list[str]:
    declared = set(
        DeclaredLine.objects.filter(enterprise=enterprise).values_list("item_key", flat=True)
    )
    einfo = list(enterprise.einfo.values_list("item_key", "export_date"))
    found = []
    if "即将逾期申报" in items:
        open_ = [declaration_deadline(d) for key, d in einfo if key not in declared]
        due = _due(open_, today)
        if due:
            found.append(f"{SIGN}贵企业有{due[0]}条出口货物报关单尚未申报退（免）税，最早将于"
                         f"{due[1]:%Y-%m-%d}到期，逾期将视同内销，请及时申报。")  # fmt: skip
    if "收汇" in items:
        received = {i.entry_id for i in enterprise.invoices.filter(
            invoice_no__in=enterprise.receipts.values("invoice_no"))}  # fmt: skip
        open_ = [remittance_deadline(d) for key, d in einfo if key[:18] not in received]
        due = _due(open_, today)
        if due:
            found.append(f"{SIGN}贵企业有{due[0]}条出口货物尚未收汇，最早收汇截止日期为"
                         f"{due[1]:%Y-%m-%d}，请及时收汇或留存视同收汇举证材料。")  # fmt: skip
    if "单证备案" in items:
        since = today - timedelta(days=15)
        recent = Submission.objects.filter(
            enterprise=enterprise, status__in=(Status.DECLARED, Status.PASSED),
            declared_at__date__gte=since, period__gt="",
        ).order_by("declared_at")  # fmt: skip
        for sub in recent[:3]:
            last = sub.declared_at.date() + timedelta(days=15)  # type: ignore[union-attr]
            found.append(f"{SIGN}贵企业所属期{sub.period}的申报（{sub.receipt_no}）须于"
                         f"{last:%Y-%m-%d}前完成备案单证的整理留存。")  # fmt: skip
    return found


def send_reminders(enterprise: Enterprise, today: date | None = None) -> int:
    """Text the subscribed phones what is due; the number of texts sent."""
    sub = subscription(enterprise)
    if sub is None:
        return 0
    today = today or clock().today
    sent = 0
    for text in texts(enterprise, sub.items, today):
        for phone in sub.phones:
            if not Message.objects.filter(phone=phone, text=text).exists():
                Message.objects.create(phone=phone, text=text)
                sent += 1
    return sent


def confirm(filing: Filing) -> None:
    """The approval itself is texted to the numbers (开通 / 变更 / 取消)."""
    parts = filing.summary[5:].split("|")
    phones = [p for p in parts[0].strip().split(",") if p]
    done = "取消" if parts[-1].strip() == CANCEL else "开通"
    for phone in phones:
        Message.objects.create(phone=phone, text=f"{SIGN}贵企业已{done}出口退税业务提醒服务"
                               f"（{parts[1].strip() or '—'}）。")  # fmt: skip
