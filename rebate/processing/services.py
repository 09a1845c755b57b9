"""加贸反馈 (JL-02 反馈读入, JL-03 进料审核结果下载) and 生成核销表 (JL-04 prefilled from it)."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import Enterprise, User
from rebate.declarations.ports import TaxBureauPort, bureau, call
from rebate.integrations.wire import WireError
from rebate.integrations.wire.feedback import ProcessingFeedback, reader
from rebate.integrations.wire.safexml import refuse_doctype_bytes

from .models import FeedbackManual, FeedbackRecord, Writeoff
from .records import writeoff_service

YEAR_MESSAGE = "申报年格式应为YYYY，如2026"


def check_year(year: str) -> int:
    if not (isinstance(year, str) and len(year) == 4 and year.isdigit() and year[0] in "12"):
        raise ValidationError({"year": YEAR_MESSAGE})
    return int(year)


@transaction.atomic
def trade_feedback_apply(
    *, enterprise: Enterprise, actor: User | None, feedback: ProcessingFeedback, source: str
) -> int:
    """Store the written-off manuals of the feedback (replacing a manual read before, with its
    customs records); returns the number of manuals."""
    if feedback.customs_code != enterprise.customs_code:
        raise ValidationError(
            f"反馈文件的海关企业代码{feedback.customs_code}与本企业{enterprise.customs_code}不一致"
        )
    for manual in feedback.manuals:
        row, _ = FeedbackManual.objects.update_or_create(
            enterprise=enterprise,
            manual_no=manual.manual_no,
            defaults={
                "year": str(feedback.year),
                "valid_from": manual.valid_from,
                "valid_to": manual.valid_to,
                "writeoff_date": manual.writeoff_date,
                "import_total": manual.import_total,
                "export_total": manual.export_total,
                "actual_rate": manual.actual_rate,
                "source": source[:200],
            },
        )
        row.full_clean()
        records = getattr(manual, "records", ())
        if records:
            row.records.all().delete()
            FeedbackRecord.objects.bulk_create(
                (
                    FeedbackRecord(
                        enterprise=enterprise, manual=row, direction=r.direction,
                        entry_id=r.entry_id, g_no=r.g_no, trade_mode=r.trade_mode,
                        amount_cny=r.amount_cny,
                    )
                    for r in records
                ),
                batch_size=5000,
            )  # fmt: skip
    return len(feedback.manuals)


def trade_feedback_read(
    *, enterprise: Enterprise, actor: User | None, data: bytes, filename: str = ""
) -> int:
    """反馈读入 of a 加贸反馈 file (《进料加工手（账）册实际分配率反馈表》)."""
    try:
        refuse_doctype_bytes(data[:4096])
        if b"<ProcessingFeedback" not in data[:1024]:
            raise ValidationError({"file": "不是加贸反馈（进料加工手（账）册实际分配率反馈）文件"})
        feedback = reader.read_processing(io.BytesIO(data))
    except WireError as exc:
        raise ValidationError({"file": f"反馈文件格式错误：{exc.message}"}) from exc
    return trade_feedback_apply(
        enterprise=enterprise, actor=actor, feedback=feedback, source=f"反馈读入 {filename}"
    )


def trade_feedback_download(
    *, enterprise: Enterprise, actor: User | None, year: str, port: TaxBureauPort | None = None
) -> int:
    """进料审核结果下载: the bureau's 加贸反馈 of the 申报年, through the bureau port."""
    number = check_year(year)
    feedback = call(
        (port or bureau()).processing_feedback, customs_code=enterprise.customs_code, year=number
    )
    return trade_feedback_apply(
        enterprise=enterprise, actor=actor, feedback=feedback, source=f"进料审核结果下载 {year}"
    )


def writeoffs_prefill(
    *, enterprise: Enterprise, actor: User | None, period: str, year: str
) -> list[Any]:
    """生成核销表: one 核销 row per manual of the 申报年's 加贸反馈 not yet in a 核销."""
    check_year(year)
    taken = set(Writeoff.objects.filter(enterprise=enterprise).values_list("manual_no", flat=True))
    manuals = FeedbackManual.objects.filter(enterprise=enterprise, year=year).exclude(
        manual_no__in=taken
    )
    if (
        not manuals.exists()
        and not FeedbackManual.objects.filter(enterprise=enterprise, year=year).exists()
    ):
        raise ValidationError({"year": f"{year}年没有加贸反馈数据，请先读入或下载加贸反馈"})
    rows = [
        {"period": period, "manual_no": m.manual_no, "start_date": m.valid_from,
         "end_date": m.valid_to}
        for m in manuals.order_by("manual_no")
    ]  # fmt: skip
    made: list[Any] = writeoff_service.create_many(enterprise=enterprise, actor=actor, rows=rows)
    return made
