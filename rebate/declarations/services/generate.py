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

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from rebate.accounts.cardauth import BAD_SIGNATURE, SignedText
from rebate.accounts.models import Enterprise, User
from rebate.accounts.services import require_inserted_card
from rebate.integrations.wire import WireError
from rebate.integrations.wire.canonical import der_from_raw, signed_info, verify_signature
from rebate.integrations.wire.package import complete_package

from .. import events, storage
from ..choices import BatchStatus as S
from ..families import (
    Business,
    Family,
    PackageRequest,
    PackageResult,
    Step,
    SummaryForBatch,
    SummaryStep,
)
from ..figures import figures_json
from ..gates import refuse_if_gated
from ..models import DeclarationBatch
from ..selectors import live_batch
from .common import check_period, family_with, locked_batch, log_created, move


def _already(batch: DeclarationBatch) -> ValidationError:
    return ValidationError(
        f"所属期{batch.period}已有申报数据（批次{batch.number}，{batch.get_status_display()}），"
        "如需重新生成请先撤销申报数据"
    )


def _next_batch_no(enterprise: Enterprise, family: str, business_code: str, period: str) -> str:
    rows = DeclarationBatch.objects.filter(
        enterprise=enterprise, family=family, business_code=business_code, period=period
    )
    last = rows.aggregate(last=Max("batch_no"))["last"]
    return f"{int(last) + 1 if last else 1:02d}"


def _summary_step(fam: Family) -> SummaryStep | None:
    """The family's 生成汇总数据 when it has that step (its draft feeds the package)."""
    return fam.summary if fam.has(Step.SUMMARY) else None


def _business(fam: Family, code: str) -> Business:
    """The business chosen in the dialog (「选择想要申报的业务」), the only one when single."""
    if not code and len(fam.businesses) == 1:
        return fam.businesses[0]
    try:
        return fam.business(code)
    except LookupError:
        raise ValidationError({"business": "请选择想要申报的业务"}) from None


def _create_batch(
    fam: Family,
    enterprise: Enterprise,
    actor: User | None,
    period: str,
    card_no: str,
    business: Business,
) -> DeclarationBatch:
    existing = live_batch(enterprise, fam.key, period, business.code)
    if existing is not None:
        raise _already(existing)
    try:
        with transaction.atomic():
            return DeclarationBatch.objects.create(
                enterprise=enterprise,
                family=fam.key,
                business_code=business.code,
                period=period,
                batch_no=_next_batch_no(enterprise, fam.key, business.code, period),
                card_no=card_no,
                generated_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        other = live_batch(enterprise, fam.key, period, business.code)
        raise (
            _already(other) if other else ValidationError("申报数据正在生成，请稍后刷新")
        ) from None


def _store(
    batch: DeclarationBatch,
    result: PackageResult,
    path: str,
    size: int,
    summary: SummaryForBatch | None,
) -> None:
    batch.package_name, batch.package_path = result.filename, path
    batch.package_digest, batch.package_size = result.digest, size
    batch.line_count, batch.record_count = result.line_count, result.record_count
    figures = {**result.figures, **(summary.figures if summary is not None else {})}
    batch.figures = figures_json(figures)


@transaction.atomic
def batch_generate(
    *,
    enterprise: Enterprise,
    actor: User | None,
    family: str,
    period: str,
    card_no: str,
    business: str = "",
    zero: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> DeclarationBatch:
    """``zero``: a 零申报 of a period without rows, for a family that offers it."""
    fam = family_with(family, Step.GENERATE)
    period = check_period(period, fam.period_kind)
    if zero and not fam.zero_declaration:
        raise ValidationError({"zero": f"{fam.label}没有零申报"})
    refuse_if_gated(enterprise, fam, period, timezone.localdate())
    step = _summary_step(fam)
    if step is not None:
        step.refuse_stale(enterprise, period)
    chosen = _business(fam, business)
    batch = _create_batch(fam, enterprise, actor, period, card_no, chosen)
    joined = fam.attach(
        enterprise=enterprise, actor=actor, period=period, batch_id=batch.pk, business=chosen.code
    )
    if zero and joined:
        raise ValidationError(
            {"zero": f"所属期{period}有{joined}条可申报的数据，不能零申报，请取消零申报后生成"}
        )
    if not joined and not zero and (step is None or fam.zero_declaration):
        offer = "；本所属期没有出口的，请勾选零申报" if fam.zero_declaration else ""
        raise ValidationError(f"所属期{period}没有可申报的数据{offer}")
    summary = step.for_batch(enterprise, period, batch.pk) if step is not None else None
    if progress:
        progress(1, 3, f"正在生成申报文件（{joined}条记录）")
    request = PackageRequest(
        enterprise=enterprise,
        period=period,
        batch_no=batch.batch_no,
        batch_id=batch.pk,
        summary=summary.package_rows if summary is not None else None,
        business_code=chosen.code,
    )
    # One file per batch: signing stores the completed one in its place (storage.rewrite).
    result, path, size = storage.write(
        enterprise.pk,
        lambda out: fam.write_package(out, request),
        lambda r: f"{r.digest}-{batch.pk}",
    )
    _store(batch, result, path, size, summary)
    batch.full_clean()
    batch.save()
    if step is not None:
        step.bind(enterprise, period, batch)
    kind = "零申报" if zero else f"{result.line_count}条明细"
    log_created(batch, actor, f"生成申报数据 {result.filename}，{kind}，待IC卡签名")
    if progress:
        progress(3, 3, f"已生成申报数据 {batch.number}，请使用IC卡签名")
    return batch


@transaction.atomic
def batch_sign(
    *, enterprise: Enterprise, actor: User, batch_id: int, signed: SignedText | None
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
    batch.package_path, batch.package_size = storage.rewrite(
        batch.package_path,
        lambda old, new: complete_package(
            old, new, card_no=card.card_no, digest=digest, value=value
        ),
    )
    batch.card_no = card.card_no
    extra = ("package_path", "package_size", "card_no")
    move(batch, S.GENERATED, actor=actor, note="IC卡签名", extra=extra)
    events.batch_generated(batch)
    return batch
