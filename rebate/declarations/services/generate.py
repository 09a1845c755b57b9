"""生成申报数据 (TS-21): a batch with its package, all or nothing; then the card signs it.

The job writes the package without its signature (state 待签名): the IC card's key is in the
clerk's browser, which signs the digest once the page shows the batch. ``batch_sign`` checks
that signature against the bound card's public key and only then completes the package and
moves the batch to 已生成.

Generating happens in one transaction: the batch row, the rows joining it (read-only from
then on), the package file (written under its digest before the commit) and the audit row. A
job killed half-way rolls back to nothing and can simply be run again. Two clerks generating
the same period at once end with one batch: the conditional unique constraint refuses the
second, which gets the Chinese reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from rebate.accounts.cardauth import BAD_SIGNATURE, SignedText
from rebate.accounts.services import require_inserted_card
from rebate.calc.money import ZERO
from rebate.integrations.wire import WireError
from rebate.integrations.wire.canonical import der_from_raw, signed_info, verify_signature
from rebate.integrations.wire.package import complete_package

from .. import storage
from ..choices import BatchStatus as S
from ..families import Family, PackageRequest, PackageResult, Step
from ..models import DeclarationBatch, Summary
from ..selectors import draft_summary, live_batch, summary_rows
from .common import check_period, family_with, locked_batch, log_created, move
from .summary import compute_rows, summary_staleness

SUMMARY_CHECK_ROWS = (2, 4, 6, 11)


def _already(batch: DeclarationBatch) -> ValidationError:
    return ValidationError(
        f"所属期{batch.period}已有申报数据（批次{batch.number}，{batch.get_status_display()}），"
        "如需重新生成请先撤销申报数据"
    )


def _next_batch_no(enterprise: Any, family: str, period: str) -> str:
    rows = DeclarationBatch.objects.filter(enterprise=enterprise, family=family, period=period)
    last = rows.aggregate(last=Max("batch_no"))["last"]
    return f"{int(last) + 1 if last else 1:02d}"


def _summary_for(fam: Family, enterprise: Any, period: str, batch_id: int) -> Summary | None:
    """The period's draft 汇总表, refused when the lines changed after it was generated."""
    if not fam.has(Step.SUMMARY):
        return None
    summary = draft_summary(enterprise, fam.key, period)
    if summary is None:
        raise ValidationError("请先生成汇总数据")
    stored, _ = summary_rows(summary)
    now, _, count = compute_rows(fam, enterprise, period, summary.ending_credit, batch_id)
    if count != summary.line_count or any(now.row(r) != stored.row(r) for r in SUMMARY_CHECK_ROWS):
        raise ValidationError("生成汇总数据后明细数据有变动，请重新生成汇总数据")
    return summary


def _refuse_stale_summary(fam: Family, enterprise: Any, period: str) -> None:
    summary = draft_summary(enterprise, fam.key, period) if fam.has(Step.SUMMARY) else None
    reason = summary_staleness(fam, enterprise, summary) if summary is not None else ""
    if reason:
        raise ValidationError(f"汇总数据已过期（{reason}），请重新生成汇总数据")


def _create_batch(
    fam: Family, enterprise: Any, actor: Any, period: str, card_no: str
) -> DeclarationBatch:
    existing = live_batch(enterprise, fam.key, period)
    if existing is not None:
        raise _already(existing)
    try:
        with transaction.atomic():
            return DeclarationBatch.objects.create(
                enterprise=enterprise,
                family=fam.key,
                business_code=fam.business_code,
                period=period,
                batch_no=_next_batch_no(enterprise, fam.key, period),
                card_no=card_no,
                generated_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        other = live_batch(enterprise, fam.key, period)
        raise (
            _already(other) if other else ValidationError("申报数据正在生成，请稍后刷新")
        ) from None


def _store(batch: DeclarationBatch, result: PackageResult, path: str, size: int) -> None:
    batch.package_name, batch.package_path = result.filename, path
    batch.package_digest, batch.package_size = result.digest, size
    batch.line_count, batch.record_count = result.line_count, result.record_count
    batch.fob_usd_total = result.totals.get("fob_usd", batch.fob_usd_total)
    batch.fob_cny_total = result.totals.get("fob_cny", batch.fob_cny_total)
    batch.exempt_credit_refund = result.totals.get("exempt_credit_refund", ZERO)


def _summary_figures(batch: DeclarationBatch, summary: Summary | None) -> dict[int, Any]:
    if summary is None:
        return {}
    lines = {line.row: line for line in summary.lines.all()}
    batch.exempt_credit_refund = lines[11].current
    batch.refund_due, batch.exempt_credit = lines[18].current, lines[19].current
    return {r: (line.current, line.year_to_date, line.vat_difference) for r, line in lines.items()}


@transaction.atomic
def batch_generate(
    *,
    enterprise: Any,
    actor: Any,
    family: str,
    period: str,
    card_no: str,
    progress: Callable[[int, int, str], None] | None = None,
) -> DeclarationBatch:
    fam = family_with(family, Step.GENERATE)
    period = check_period(period)
    _refuse_stale_summary(fam, enterprise, period)
    batch = _create_batch(fam, enterprise, actor, period, card_no)
    joined = fam.attach(enterprise=enterprise, actor=actor, period=period, batch_id=batch.pk)
    if not joined and not fam.has(Step.SUMMARY):
        raise ValidationError(f"所属期{period}没有可申报的数据")
    summary = _summary_for(fam, enterprise, period, batch.pk)
    if progress:
        progress(1, 3, f"正在生成申报文件（{joined}条记录）")
    request = PackageRequest(
        enterprise=enterprise,
        period=period,
        batch_no=batch.batch_no,
        batch_id=batch.pk,
        summary=_summary_figures(batch, summary),
    )
    # One file per batch: signing completes it in place (storage.rewrite).
    result, path, size = storage.write(
        enterprise.pk,
        lambda out: fam.write_package(out, request),
        lambda r: f"{r.digest}-{batch.pk}",
    )
    _store(batch, result, path, size)
    _summary_figures(batch, summary)
    batch.full_clean()
    batch.save()
    if summary is not None:
        summary.batch = batch
        summary.save(update_fields=["batch", "updated_at"])
    log_created(
        batch, actor, f"生成申报数据 {result.filename}，{result.line_count}条明细，待IC卡签名"
    )
    if progress:
        progress(3, 3, f"已生成申报数据 {batch.number}，请使用IC卡签名")
    return batch


@transaction.atomic
def batch_sign(
    *, enterprise: Any, actor: Any, batch_id: int, signed: SignedText | None
) -> DeclarationBatch:
    """CK-03: the bound card's signature of the package digest, made in the browser."""
    batch = locked_batch(enterprise, batch_id)
    if batch.status != S.UNSIGNED:
        return batch  # already signed (double click, or a second tab)
    card = require_inserted_card(actor, signed)
    assert signed is not None
    digest = batch.package_digest
    try:
        if signed.text != signed_info(digest).decode():
            raise WireError(BAD_SIGNATURE)
        value = der_from_raw(signed.signature)
        verify_signature(card.public_key_pem, digest, value)
    except WireError:
        raise ValidationError(BAD_SIGNATURE) from None
    batch.package_size = storage.rewrite(
        batch.package_path,
        lambda old, new: complete_package(
            old, new, card_no=card.card_no, digest=digest, value=value
        ),
    )
    batch.card_no = card.card_no
    move(batch, S.GENERATED, actor=actor, note="IC卡签名", extra=("package_size", "card_no"))
    return batch
