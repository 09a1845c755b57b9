"""期限看板: every dated obligation of the enterprise, computed — never stored — from the dated
rules where they live (rebate.calc.deadlines through goods.deadlines, processing.gates' 核销
rule), each with the page where the clerk acts on it.

Bounded: the oldest ``LINE_LIMIT`` lines of each kind are read (their dates come first), so a
large enterprise's board stays one page; the page says when a list was cut.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse

from rebate.accounts.models import Enterprise
from rebate.calc.deadlines import (
    DeadlineError,
    deadline_status,
    document_rule,
    overseas_reconcile_deadline,
)
from rebate.core.models import RecordStatus
from rebate.documents import selectors as documents
from rebate.filings.choices import ReminderAction
from rebate.filings.models import Reminder
from rebate.goods import deadlines as line_rules
from rebate.goods.models import ExportLine, NonReceipt, Receipt
from rebate.matching.models import Match
from rebate.overseas import selectors as overseas
from rebate.processing import gates

LINE_LIMIT = 300
OVERSEAS_WAREHOUSE_PREREFUND = overseas.PREREFUND_TYPE  # 业务类型 of a 海外仓 (9810) export
WARN_DAYS = 30
DOCUMENT_HORIZON_DAYS = 60  # 备案单证 of batches declared this long ago still listed
RECEIPT_LOOKBACK_MONTHS = 37  # 收汇 can be due up to 36 months after export (Art. 48)
DECLARE, RECEIPT, DOCUMENTS, WRITEOFF, OVERSEAS, RATES = (
    "申报期限", "收汇", "备案单证", "进料加工核销", "海外仓对账", "退税率变更",
)  # fmt: skip
KINDS = (DECLARE, RECEIPT, DOCUMENTS, WRITEOFF, OVERSEAS, RATES)
# Which 业务提醒 item (BA-06 出口退税业务提醒申请) sends an SMS for which kind of obligation.
REMINDED_BY = {
    DECLARE: "即将逾期申报",
    RATES: "即将逾期申报",
    RECEIPT: "收汇",
    DOCUMENTS: "单证备案",
}


@dataclass(frozen=True)
class Obligation:
    kind: str
    label: str  # the deadline's name (正常申报期限, 收汇期限, …)
    subject: str  # what it concerns (明细, 批次, 手册)
    due: date
    days_left: int
    overdue: bool
    warn: bool
    consequence: str
    rule: str
    url: str
    action: str  # the link's words
    reminded: bool = False  # the 业务提醒 filing sends an SMS for this kind

    @property
    def overdue_days(self) -> int:
        return -self.days_left

    @property
    def urgency(self) -> tuple[int, date, str]:
        return (self.days_left, self.due, self.subject)


@dataclass(frozen=True)
class Reminders:
    """What the enterprise's declared 业务提醒 filing turns on (none: SMS reminders are off)."""

    on: bool
    items: tuple[str, ...]
    phones: tuple[str, ...]
    filed_on: date | None

    def covers(self, kind: str) -> bool:
        return self.on and REMINDED_BY.get(kind, "") in self.items


@dataclass(frozen=True)
class Board:
    obligations: list[Obligation]
    reminders: Reminders
    truncated: bool
    today: date


def _row(
    kind: str, label: str, subject: str, due: date, today: date, url: str, action: str,
    consequence: str = "", rule: str = "",
) -> Obligation:  # fmt: skip
    status = deadline_status(due, today, WARN_DAYS)
    return Obligation(
        kind, label, subject, due, status.days_left, status.overdue, status.warn,
        consequence, rule, url, action,
    )  # fmt: skip


def _line_url(line: ExportLine) -> str:
    return reverse("goods:exportline_detail", args=[line.pk])


def _subject(line: ExportLine) -> str:
    return f"明细 {line.period}-{line.sequence_no} 报关单 {line.item_key}"


def _received(enterprise: Enterprise) -> tuple[set[str], dict[str, date]]:
    """报关单号 (18 digits) whose 收汇 is recorded — a 收汇证明 with a date or a 视同收汇 reason,
    a 不能收汇 row, or a confirmed match with a receipt — and the contract terms on file."""
    receipts = Receipt.objects.for_enterprise(enterprise)
    done = {
        key[:18]
        for key in receipts.filter(Q(received_on__isnull=False) | ~Q(deemed_reason="")).values_list(
            "item_key", flat=True
        )
    }
    done |= {
        k[:18]
        for k in NonReceipt.objects.for_enterprise(enterprise).values_list("item_key", flat=True)
    }
    done |= set(
        Match.objects.for_enterprise(enterprise)
        .filter(receipts__isnull=False)
        .values_list("declarations__entry_id", flat=True)
    )
    terms: dict[str, date] = {}
    for model in (Receipt, NonReceipt):
        rows = model.objects.for_enterprise(enterprise).filter(final_receipt_date__isnull=False)
        for key, due in rows.values_list("item_key", "final_receipt_date"):
            terms[key[:18]] = max(due, terms.get(key[:18], due))
    return done, terms


def _line_obligations(enterprise: Enterprise, today: date) -> tuple[list[Obligation], bool]:
    table = line_rules.rules()
    received, terms = _received(enterprise)
    lines = ExportLine.objects.for_enterprise(enterprise).filter(reverses__isnull=True)
    open_lines = list(
        lines.filter(status=RecordStatus.COLLECTED).order_by("export_date", "id")[: LINE_LIMIT + 1]
    )
    since = today.replace(day=1) - timedelta(days=31 * RECEIPT_LOOKBACK_MONTHS)
    declared = list(
        lines.exclude(status=RecordStatus.COLLECTED)
        .filter(export_date__gte=since)
        .order_by("export_date", "id")[: LINE_LIMIT + 1]
    )
    truncated = len(open_lines) > LINE_LIMIT or len(declared) > LINE_LIMIT
    reconciled = set(overseas.reconciliations(enterprise, [line.pk for line in declared]))
    found: list[Obligation] = []
    for line in [*open_lines[:LINE_LIMIT], *declared[:LINE_LIMIT]]:
        undeclared = line.status == RecordStatus.COLLECTED
        entry = line.item_key[:18]
        for item in line_rules.for_line(line, table, contract_due=terms.get(entry)):
            is_receipt = item.label == "收汇期限"
            if (is_receipt and entry in received) or (not is_receipt and not undeclared):
                continue
            found.append(_row(
                RECEIPT if is_receipt else DECLARE, item.label, _subject(line), item.due, today,
                _line_url(line), "录入收汇" if is_receipt else "申报该明细",
                item.consequence, item.rule_id,
            ))  # fmt: skip
        if undeclared and line.recheck_reason:
            first = min((i.due for i in line_rules.for_line(line, table)), default=today)
            found.append(_row(
                RATES, "申报前重新检查退税率", f"{_subject(line)}：{line.recheck_reason}", first,
                today, _line_url(line), "重新检查", "退税率文库新版本改变了该明细出口日期的税率",
                "退税率文库",
            ))  # fmt: skip
        if OVERSEAS_WAREHOUSE_PREREFUND in line.business_type_codes and line.pk not in reconciled:
            try:
                due = overseas_reconcile_deadline(line.export_date)
            except DeadlineError:  # exported before 公告2025年第3号: no pre-refund to reconcile
                continue
            # a declared line is reconciled on 海外仓出口货物核对; an undeclared one not yet
            url, action = (
                (reverse("overseas:line", args=[line.pk]), "核对")
                if overseas.is_prerefunded(line)
                else (_line_url(line), "查看明细")
            )
            found.append(_row(
                OVERSEAS, "海外仓预退税对账", _subject(line), due, today, url, action,
                "未售出或未对账的预退税款须补缴或调整", "公告2025年第3号",
            ))  # fmt: skip
    return found, truncated


def _documents(enterprise: Enterprise, today: date) -> Iterator[Obligation]:
    """Declarations whose 备案单证目录 (rebate.documents) has no entry yet; one catalogued —
    even late — is done, and its lateness shows on the catalogue itself."""
    since = today - timedelta(days=DOCUMENT_HORIZON_DAYS)
    recent = list(
        documents.batches(enterprise)
        .filter(declared_at__date__gte=since)
        .order_by("declared_at", "id")
    )
    catalogued = documents.entry_counts(enterprise, [b.pk for b in recent])
    for batch in recent:
        state = documents.due(batch, None, today)
        if batch.pk in catalogued or state.due is None or state.declared_on is None:
            continue
        yield _row(
            DOCUMENTS, "备案单证整理期限", f"批次 {batch.period} {batch.batch_no}（"
            f"{batch.business_code}，{state.declared_on.isoformat()} 申报）", state.due, today,
            reverse("documents:catalogue", args=[batch.pk]), "整理备案单证",
            "申报后15日内将合同、运输单据等备案单证按申报顺序整理备查",
            document_rule(state.declared_on).rule_id,
        )  # fmt: skip


def _writeoff(enterprise: Enterprise, today: date) -> Iterator[Obligation]:
    rule = gates.deadline_in_force(today)
    manuals = gates.due_manuals(enterprise, today.year) if rule is not None else []
    if rule is None or not manuals:
        return
    listed = "、".join(manuals[:10]) + ("等" if len(manuals) > 10 else "")
    yield _row(
        WRITEOFF, "进料加工核销申报", f"手（账）册 {listed}（{today.year - 1}年海关已核销）",
        rule.due_on(today.year), today, reverse("processing:writeoff_list"), "核销申报",
        "逾期未核销，暂停免抵退税申报" if rule.refuses else "逾期未核销",
        f"核销期限（自{rule.valid_from.isoformat()}起）",
    )  # fmt: skip


def reminders(enterprise: Enterprise) -> Reminders:
    latest: Any = (
        Reminder.objects.for_enterprise(enterprise)
        .filter(status=RecordStatus.DECLARED)
        .order_by("-filled_on", "-id")
        .first()
    )
    if latest is None or latest.action == ReminderAction.CANCEL:
        return Reminders(False, (), (), latest.filled_on if latest else None)
    items = tuple(i for i in latest.items.split(",") if i)
    phones = tuple(p for p in (latest.phone1, latest.phone2) if p)
    return Reminders(bool(items), items, phones, latest.filled_on)


def board(enterprise: Enterprise, today: date, kind: str = "") -> Board:
    found, truncated = _line_obligations(enterprise, today)
    found += [*_documents(enterprise, today), *_writeoff(enterprise, today)]
    sms = reminders(enterprise)
    rows = [replace(o, reminded=sms.covers(o.kind)) for o in found if not kind or o.kind == kind]
    return Board(sorted(rows, key=lambda o: o.urgency), sms, truncated, today)
