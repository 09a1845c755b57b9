"""The one write path of 海外仓出口货物核对: a reconciliation reported to the bureau, then kept.

The bureau is told first (the reconciliation is a report to it, 公告2025年第3号): when it refuses
— or cannot be reached — nothing is recorded and its words are the message. The declared 明细
line is only read.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rebate.accounts.models import Enterprise, User
from rebate.declarations import ports
from rebate.goods.models import ExportLine
from rebate.integrations.taxbureau import OverseasReport, TaxBureauPort

from . import selectors
from .models import Outcome, OverseasReconciliation, Settlement


def report_errors(line: ExportLine, report: OverseasReport, today: date) -> dict[str, str]:
    """Field → Chinese message for what the report lacks or gets wrong (empty: acceptable)."""
    errors: dict[str, str] = {}
    positive = Decimal("0.01")
    if report.outcome == Outcome.SOLD:
        if report.sold_on is None:
            errors["sold_on"] = "已售出须填写销售日期"
        elif report.sold_on < line.export_date:
            errors["sold_on"] = f"销售日期不能早于出口日期{line.export_date:%Y-%m-%d}"
        elif report.sold_on > today:
            errors["sold_on"] = "销售日期不能晚于今天"
        if report.sale_amount is None:
            errors["sale_amount"] = "已售出须填写销售金额"
        elif report.sale_amount < positive:
            errors["sale_amount"] = "销售金额应大于0"
    elif report.outcome == Outcome.UNSOLD:
        if report.settlement not in Settlement.values:
            errors["settlement"] = "未售出须选择补缴或调整"
        if report.settle_amount is None:
            errors["settle_amount"] = "未售出须填写补缴/调整金额"
        elif report.settle_amount < positive:
            errors["settle_amount"] = "补缴/调整金额应大于0"
        if not report.reason.strip():
            errors["reason"] = "未售出须说明原因"
    else:
        errors["outcome"] = "请选择核对结果（已售出/未售出）"
    return errors


@transaction.atomic
def record_reconciliation(
    *,
    enterprise: Enterprise,
    actor: User | None,
    line: ExportLine,
    report: OverseasReport,
    port: TaxBureauPort | None = None,
    today: date | None = None,
) -> OverseasReconciliation:
    line = ExportLine.objects.select_for_update().get(pk=line.pk)  # one report per line at a time
    if line.enterprise_id != enterprise.pk:
        raise ValidationError("该明细不属于本企业")
    if not selectors.is_prerefunded(line):
        raise ValidationError("该明细不是已申报的海外仓预退税（HWC-YT）明细，无需核对")
    done = selectors.reconciliation_of(enterprise, line)
    if done is not None:
        raise ValidationError(
            f"该明细已于{timezone.localtime(done.created_at):%Y-%m-%d}核对，不能重复核对"
        )
    errors = report_errors(line, report, today or timezone.localdate())
    if errors:
        raise ValidationError(errors)
    sold = report.outcome == Outcome.SOLD
    record = OverseasReconciliation(
        enterprise=enterprise,
        line=line,
        outcome=report.outcome,
        sold_on=report.sold_on if sold else None,
        sale_amount=report.sale_amount if sold else None,
        settlement="" if sold else report.settlement,
        settle_amount=None if sold else report.settle_amount,
        reason="" if sold else report.reason.strip(),
        actor=actor,
    )
    record.full_clean(exclude=["line"])  # the line is locked above; its uniqueness checked
    kept = OverseasReport(
        record.outcome, record.sold_on, record.sale_amount, record.settlement,
        record.settle_amount, record.reason,
    )  # fmt: skip
    ports.call(
        (port or ports.bureau()).reconcile_overseas,
        customs_code=enterprise.customs_code,
        item_key=line.item_key,
        report=kept,
    )
    record.save()
    return record


@transaction.atomic
def record_from_bureau(
    *,
    enterprise: Enterprise,
    actor: User | None,
    line: ExportLine,
    port: TaxBureauPort | None = None,
) -> OverseasReconciliation:
    """The bureau accepted a report our save then lost: record the figures the bureau recorded
    (read back from it, not typed again — a second report would be refused), nothing sent."""
    line = ExportLine.objects.select_for_update().get(pk=line.pk)
    if line.enterprise_id != enterprise.pk:
        raise ValidationError("该明细不属于本企业")
    if not selectors.is_prerefunded(line):
        raise ValidationError("该明细不是已申报的海外仓预退税（HWC-YT）明细，无需核对")
    if selectors.reconciliation_of(enterprise, line) is not None:
        raise ValidationError("该明细本系统已有核对记录")
    found = ports.call(
        (port or ports.bureau()).overseas_reconciliation,
        customs_code=enterprise.customs_code,
        item_key=line.item_key,
    )
    if found is None:
        raise ValidationError("税务局没有该明细的核对记录，请登记核对结果")
    report: OverseasReport = found
    record = OverseasReconciliation(
        enterprise=enterprise, line=line, outcome=report.outcome, sold_on=report.sold_on,
        sale_amount=report.sale_amount, settlement=report.settlement,
        settle_amount=report.settle_amount, reason=report.reason.strip()[:300], actor=actor,
    )  # fmt: skip
    record.full_clean(exclude=["line"])
    record.save()
    return record
