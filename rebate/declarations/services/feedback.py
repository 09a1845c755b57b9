"""反馈读入 (TS-28) and 退税审核结果下载 (TS-29): the bureau's review results and 备案 data.

Reading is idempotent: the same document (by its SHA-256) is recognised and changes nothing, and
a review already stored with the same figures is left alone. A review of a batch declared here
moves the batch to 审核通过 or 税局退回 and records the approved figures beside the declared ones.
An approved declaration, made here or known only from feedback (history), is handed to its
family's ``on_approved`` (免抵退 marks the 报关单 of its lines 已申报).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import Enterprise, User
from rebate.configuration.services import enterprise_filing_update
from rebate.integrations.wire import WireError
from rebate.integrations.wire import feedback as wire
from rebate.integrations.wire.feedback import reader
from rebate.integrations.wire.safexml import HEAD_BYTES, refuse_doctype_bytes

from .. import events
from ..choices import BatchStatus as S
from ..choices import FeedbackSource, ReviewResultKind
from ..families import (
    ReviewReading,
    Step,
    families,
    family_by_business_code,
    known_family,
)
from ..figures import figures_json
from ..models import DeclarationBatch, FeedbackFile, ReviewedLine, ReviewRecord
from ..ports import TaxBureauPort, bureau, call
from .common import check_period, family_with, move

RESULTS = {
    wire.PASSED: ReviewResultKind.PASSED,
    wire.RETURNED: ReviewResultKind.RETURNED,
    wire.UNDER_REVIEW: ReviewResultKind.UNDER_REVIEW,
    wire.REVOKED: ReviewResultKind.REVOKED,
}
COMPARED = ("result", "line_count", "figures", "reasons", "reviewed_on")


def _stored(figures: Mapping[str, Decimal | None]) -> dict[str, str]:
    """The figures the bureau gave, as stored (absent ones are not)."""
    return figures_json({k: v for k, v in figures.items() if v is not None})


def _values(result: wire.ReviewResult, family: str, reading: ReviewReading) -> dict[str, Any]:
    return {
        "family": family,
        "business_code": result.business_code,
        "period": result.period,
        "result": RESULTS.get(result.result, ReviewResultKind.UNDER_REVIEW),
        "line_count": result.line_count,
        "figures": _stored(reading.figures(result)),
        "reasons": result.reasons[:2000],
        "reviewed_on": result.reviewed_on,
    }


def _passed_note(record: ReviewRecord, reading: ReviewReading) -> str:
    approved = [
        f"{c.label}{record.figure(c.key)}"
        for c in reading.columns
        if c.listed and record.figure(c.key) is not None
    ]
    return "，".join(["税局审核通过", *approved])


def _move_batch(
    batch: DeclarationBatch, record: ReviewRecord, actor: User, reading: ReviewReading
) -> None:
    if batch.status not in (S.DECLARED, S.UPLOADED):
        return
    if record.result == ReviewResultKind.PASSED:
        move(batch, S.PASSED, actor=actor, note=_passed_note(record, reading))
    elif record.result == ReviewResultKind.RETURNED:
        batch.bureau_reasons = record.reasons
        move(batch, S.RETURNED, actor=actor, note=record.reasons[:500], extra=("bureau_reasons",))
    events.batch_reviewed(batch, record)


def _store_lines(record: ReviewRecord, result: wire.ReviewResult, reading: ReviewReading) -> None:
    record.lines.all().delete()
    ReviewedLine.objects.bulk_create(
        (
            ReviewedLine(
                enterprise_id=record.enterprise_id,
                review=record,
                line_no=line.line_no,
                item_key=line.item_key,
                figures=_stored(reading.line_figures(line)),
            )
            for line in result.lines
        ),
        batch_size=2000,
    )


def _apply_result(
    enterprise: Enterprise, actor: User, family: str, result: wire.ReviewResult
) -> bool:
    """Store one declaration's review; True when anything changed."""
    fam = known_family(family)
    reading = fam.review if fam is not None else ReviewReading()
    values = _values(result, family, reading)
    record = ReviewRecord.objects.filter(
        enterprise=enterprise, receipt_no=result.receipt_no
    ).first()
    batch = DeclarationBatch.objects.filter(
        enterprise=enterprise, receipt_no=result.receipt_no
    ).first()
    if record is not None and all(getattr(record, k) == values[k] for k in COMPARED):
        if batch is not None:
            _move_batch(batch, record, actor, reading)
        return False
    # The one place a review result is read in (审核通过/退回, the approved figures, 审核调整 and
    # its reason in ``reasons``): whatever must follow a new or changed review hooks in here.
    record = record or ReviewRecord(enterprise=enterprise, receipt_no=result.receipt_no)
    for name, value in values.items():
        setattr(record, name, value)
    record.batch = batch
    record.full_clean()
    record.save()
    _store_lines(record, result, reading)
    if batch is not None:
        _move_batch(batch, record, actor, reading)
    if record.result == ReviewResultKind.PASSED and fam is not None and fam.on_approved:
        fam.on_approved(
            enterprise=enterprise,
            actor=actor,
            review=record,
            item_keys=[line.item_key for line in result.lines],
        )
    return True


def _family_key(feedback: wire.ReviewFeedback) -> str:
    business = feedback.declarations[0].business_code if feedback.declarations else feedback.family
    found = family_by_business_code(business)
    if found is not None:
        return found.key
    matches = [f.key for f in families() if f.feedback_family == feedback.family]
    return matches[0] if matches else feedback.family


@transaction.atomic
def apply_review(
    *, enterprise: Enterprise, actor: User, feedback: wire.ReviewFeedback
) -> tuple[int, int]:
    """(records, changed) after storing a review feedback document."""
    if feedback.customs_code != enterprise.customs_code:
        raise ValidationError(
            f"反馈文件的海关企业代码{feedback.customs_code}与本企业{enterprise.customs_code}不一致"
        )
    family = _family_key(feedback)
    changed = sum(_apply_result(enterprise, actor, family, r) for r in feedback.declarations)
    if changed:
        enterprise_filing_update(
            enterprise=enterprise, source_note=f"退税审核结果反馈 {feedback.period} 读入"
        )
    return len(feedback.declarations), changed


@transaction.atomic
def apply_filings(
    *, enterprise: Enterprise, actor: User, feedback: wire.FilingFeedback
) -> tuple[int, int]:
    """备案反馈: every family reading the bureau's 备案 list (Family.on_filings) applies it."""
    if feedback.customs_code != enterprise.customs_code:
        raise ValidationError(
            f"反馈文件的海关企业代码{feedback.customs_code}与本企业{enterprise.customs_code}不一致"
        )
    changed = sum(
        fam.on_filings(enterprise=enterprise, actor=actor, feedback=feedback)
        for fam in families()
        if fam.on_filings is not None
    )
    return len(feedback.filings), changed


ROOTS = {b"<ReviewFeedback": ("review", reader.read_review),
         b"<FilingFeedback": ("filings", reader.read_filings)}  # fmt: skip


def _parse(data: bytes) -> tuple[str, Any]:
    """The document's kind by its root element, then the validating reader of that kind."""
    head = data[:1024]
    try:
        refuse_doctype_bytes(data[:HEAD_BYTES])  # before the root is looked for
    except WireError as exc:
        raise ValidationError(f"反馈文件格式错误：{exc.message}") from exc
    for root, (kind, parse) in ROOTS.items():
        if root in head:
            try:
                return kind, parse(io.BytesIO(data))
            except WireError as exc:
                raise ValidationError(f"反馈文件格式错误：{exc.message}") from exc
    raise ValidationError("不是退税审核结果反馈或备案反馈文件")


def _record(
    enterprise: Enterprise,
    actor: User,
    digest: str,
    kind: str,
    source: str,
    filename: str,
    counts: tuple[int, int],
    family: str = "",
    period: str = "",
) -> FeedbackFile:
    return FeedbackFile.objects.create(
        enterprise=enterprise,
        kind=kind,
        family=family,
        period=period,
        filename=filename[:200],
        digest=digest,
        source=source,
        record_count=counts[0],
        changed_count=counts[1],
        actor=actor if getattr(actor, "pk", None) else None,
    )


def feedback_read(
    *,
    enterprise: Enterprise,
    actor: User,
    data: bytes,
    filename: str = "",
    source: str = FeedbackSource.UPLOAD,
) -> tuple[FeedbackFile, bool]:
    """反馈读入: (the file's record, whether it was new). A file read before changes nothing.
    The document is parsed and validated before the transaction that applies it begins."""
    digest = hashlib.sha256(data).hexdigest()
    known = FeedbackFile.objects.filter(enterprise=enterprise, digest=digest).first()
    if known is not None:
        return known, False
    kind, document = _parse(data)
    with transaction.atomic():
        known = FeedbackFile.objects.filter(enterprise=enterprise, digest=digest).first()
        if known is not None:
            return known, False
        return _apply(enterprise, actor, digest, kind, document, filename, source)


def _apply(
    enterprise: Enterprise,
    actor: User,
    digest: str,
    kind: str,
    document: Any,
    filename: str,
    source: str,
) -> tuple[FeedbackFile, bool]:
    if kind == "review":
        family_with(_family_key(document), Step.FEEDBACK_READ)
        counts = apply_review(enterprise=enterprise, actor=actor, feedback=document)
        return _record(
            enterprise,
            actor,
            digest,
            kind,
            source,
            filename,
            counts,
            _family_key(document),
            document.period,
        ), True
    counts = apply_filings(enterprise=enterprise, actor=actor, feedback=document)
    return _record(enterprise, actor, digest, kind, source, filename, counts), True


def _fingerprint(document: object) -> str:
    return hashlib.sha256(repr(document).encode()).hexdigest()


@transaction.atomic
def feedback_download(
    *,
    enterprise: Enterprise,
    actor: User,
    family: str,
    period: str,
    port: TaxBureauPort | None = None,
) -> tuple[FeedbackFile, bool]:
    """退税审核结果下载 (申请下载 by 所属期/申报年, or none): the review results of the family's
    businesses for the period and the 备案 data."""
    fam = family_with(family, Step.FEEDBACK_DOWNLOAD)
    period = check_period(period, fam.period_kind)
    port = port or bureau()
    reviews = [
        call(
            port.review_feedback,
            customs_code=enterprise.customs_code,
            business_code=business.code,
            period=period,
        )
        for business in fam.businesses
    ]
    filings = call(port.filings, customs_code=enterprise.customs_code)
    digest = _fingerprint((*reviews, filings))
    known = FeedbackFile.objects.filter(enterprise=enterprise, digest=digest).first()
    if known is not None:
        return known, False
    records = changed = 0
    for review in reviews:
        counts = apply_review(enterprise=enterprise, actor=actor, feedback=review)
        records, changed = records + counts[0], changed + counts[1]
    changed += apply_filings(enterprise=enterprise, actor=actor, feedback=filings)[1]
    name = f"{enterprise.customs_code}_{period}_{fam.short_name}_fk.xml"
    return _record(
        enterprise,
        actor,
        digest,
        "review",
        FeedbackSource.DOWNLOAD,
        name,
        (records, changed),
        fam.key,
        period,
    ), True
