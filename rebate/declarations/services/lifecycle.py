"""数据自检, 远程申报, 自检状态查询, 确认申报 and 撤销申报数据 (TS-22…27) through TaxBureauPort.

Each service locks the batch row and checks its state before it calls the bureau, so a
double-clicked button sends one request: the second click waits for the first to commit,
finds the state already moved and returns the batch unchanged.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rebate.accounts.models import Enterprise, User
from rebate.core.row_values import insert_values

from .. import events, storage
from ..choices import BatchStatus as S
from ..families import Step, get_family
from ..models import DeclarationBatch, Doubt
from ..ports import TaxBureauPort, bureau, call, status_of
from .common import family_with, locked_batch, move
from .feedback import apply_review

REVOKE_REFUSED = {
    S.CHECKING: "申报数据正在自检，请先点击“自检状态查询”，待自检完成后再撤销",
    S.DECLARED: "已确认申报的数据须待税局审核退回后方可撤销",
    S.PASSED: "申报数据已审核通过，不能撤销；更正请使用货物冲减在以后所属期申报",
    S.UPLOADED: "申报数据已上传，须待税局反馈退回后方可撤销",
}


@transaction.atomic
def batch_self_check(
    *, enterprise: Enterprise, actor: User, batch_id: int, port: TaxBureauPort | None = None
) -> DeclarationBatch:
    """数据自检: upload the package; the batch becomes 自检中."""
    batch = locked_batch(enterprise, batch_id)
    family_with(batch.family, Step.SELF_CHECK)
    if batch.status == S.CHECKING:
        return batch  # already sent (double click)
    if batch.status != S.GENERATED:
        raise ValidationError(
            f"只有“已生成”的申报数据可以数据自检，当前为“{batch.get_status_display()}”"
        )
    receipt = call(
        (port or bureau()).submit_package,
        customs_code=enterprise.customs_code,
        filename=batch.package_name,
        content=storage.read(batch.package_path),
    )
    batch.receipt_no, batch.submitted_at = receipt.receipt_no, timezone.now()
    move(
        batch,
        S.CHECKING,
        actor=actor,
        note=f"受理回执号{receipt.receipt_no}",
        extra=("receipt_no", "submitted_at"),
    )
    return batch


@transaction.atomic
def batch_upload(
    *, enterprise: Enterprise, actor: User, batch_id: int, port: TaxBureauPort | None = None
) -> DeclarationBatch:
    """远程申报 of a family without self-check (SPEC §11: 进料, 备案): the signed package goes to
    the bureau, which answers 上传成功; its review result follows (反馈读入 / 审核结果下载)."""
    batch = locked_batch(enterprise, batch_id)
    family = family_with(batch.family, Step.UPLOAD)
    if batch.status == S.UPLOADED:
        return batch  # already sent (double click)
    if batch.status != S.GENERATED:
        raise ValidationError(
            f"只有“已生成”（已签名）的申报数据可以远程申报，当前为“{batch.get_status_display()}”"
        )
    receipt = call(
        (port or bureau()).upload,
        customs_code=enterprise.customs_code,
        filename=batch.package_name,
        content=storage.read(batch.package_path),
    )
    if status_of(receipt.status) != S.UPLOADED:
        raise ValidationError(f"税务机关未受理远程申报：{receipt.reasons or receipt.status}")
    batch.receipt_no, batch.submitted_at = receipt.receipt_no, timezone.now()
    batch.declared_at = batch.submitted_at
    move(
        batch,
        S.UPLOADED,
        actor=actor,
        note=f"远程申报上传成功，受理回执号{receipt.receipt_no}",
        extra=("receipt_no", "submitted_at", "declared_at"),
    )
    family.mark_declared(enterprise=enterprise, actor=actor, batch_id=batch.pk)
    return batch


DOUBT_COLUMNS = ("code", "level", "skippable", "message", "table", "line_no", "item_key",
                 "record_id")  # fmt: skip


def _read_doubts(batch: DeclarationBatch, port: TaxBureauPort) -> bool:
    """Store the finished self-check's 疑点; True when one is 不可跳过. Each doubt goes in as
    one row of plain values (its form's record found in one index per form, not one query per
    doubt): building 10,000 Doubt instances cost more than their INSERT (the bench's profile)."""
    doubt_list = call(
        port.doubts, customs_code=batch.enterprise.customs_code, receipt_no=batch.receipt_no
    )
    family = get_family(batch.family)
    batch.doubts.all().delete()
    indexes: dict[str, dict[str, Any]] = {}

    def linked(table: str, line_no: str) -> int | None:
        if not line_no:
            return None
        if table not in indexes:
            indexes[table] = family.record_index(
                enterprise=batch.enterprise, batch_id=batch.pk, table=table
            )
        link = indexes[table].get(line_no)
        return link.record_id if link else None

    insert_values(
        Doubt,
        DOUBT_COLUMNS,
        (
            (d.code, d.level, d.skippable, d.message[:1000], d.table, d.line_no, d.item_key,
             linked(d.table, d.line_no))
            for d in doubt_list.doubts
        ),
        enterprise_id=batch.enterprise_id,
        batch_id=batch.pk,
    )  # fmt: skip
    return bool(doubt_list.has_blocking)


@transaction.atomic
def batch_refresh(
    *, enterprise: Enterprise, actor: User, batch_id: int, port: TaxBureauPort | None = None
) -> DeclarationBatch:
    """自检状态查询: a finished self-check reads its doubts in, a reviewed one its result."""
    batch = locked_batch(enterprise, batch_id)
    port = port or bureau()
    if batch.status not in (S.CHECKING, S.DECLARED, S.UPLOADED) or not batch.receipt_no:
        return batch
    receipt = call(port.status, customs_code=enterprise.customs_code, receipt_no=batch.receipt_no)
    state = status_of(receipt.status)
    if batch.status == S.CHECKING and state in (S.CHECKED, S.BLOCKED):
        blocking = _read_doubts(batch, port)
        move(
            batch,
            S.BLOCKED if blocking else S.CHECKED,
            actor=actor,
            note=f"疑点{receipt.doubt_count or 0}条，不可跳过{receipt.blocking_count or 0}条",
        )
        events.batch_self_checked(batch)
    elif batch.status in (S.DECLARED, S.UPLOADED) and state in (S.PASSED, S.RETURNED):
        family = get_family(batch.family)
        feedback = call(
            port.review_feedback,
            customs_code=enterprise.customs_code,
            business_code=batch.business_code or family.business_code,
            period=batch.period,
        )
        apply_review(enterprise=enterprise, actor=actor, feedback=feedback)
        batch.refresh_from_db()
    return batch


def refresh_pending(
    *, enterprise: Enterprise, actor: User, family: str, port: TaxBureauPort | None = None
) -> int:
    """自检状态查询 for every batch of the family that waits for the bureau."""
    pending = DeclarationBatch.objects.for_enterprise(enterprise).filter(
        family=family, status__in=(S.CHECKING, S.DECLARED, S.UPLOADED)
    )
    changed = 0
    for pk, status in list(pending.values_list("pk", "status")):
        if (
            batch_refresh(enterprise=enterprise, actor=actor, batch_id=pk, port=port).status
            != status
        ):
            changed += 1
    return changed


@transaction.atomic
def batch_confirm(
    *, enterprise: Enterprise, actor: User, batch_id: int, port: TaxBureauPort | None = None
) -> DeclarationBatch:
    """确认申报: only a self-checked batch without 不可跳过疑点 becomes 已确认申报."""
    batch = locked_batch(enterprise, batch_id)
    family = family_with(batch.family, Step.CONFIRM)
    if batch.status == S.DECLARED:
        return batch  # already declared (double click)
    if batch.status == S.BLOCKED or batch.doubts.filter(skippable=False).exists():
        raise ValidationError(
            "存在不可跳过疑点，不能确认申报；请撤销申报数据，修改后重新生成并自检"
        )
    if batch.status != S.CHECKED:
        raise ValidationError(
            f"只有“自检完成”的申报数据可以确认申报，当前为“{batch.get_status_display()}”"
        )
    call(
        (port or bureau()).declare,
        customs_code=enterprise.customs_code,
        receipt_no=batch.receipt_no,
    )
    batch.declared_at = timezone.now()
    move(batch, S.DECLARED, actor=actor, note="确认申报（正式申报）", extra=("declared_at",))
    family.mark_declared(enterprise=enterprise, actor=actor, batch_id=batch.pk)
    return batch


@transaction.atomic
def batch_revoke(
    *,
    enterprise: Enterprise,
    actor: User,
    batch_id: int,
    reason: str = "",
    port: TaxBureauPort | None = None,
) -> DeclarationBatch:
    """撤销申报数据: the batch becomes 已撤销 (kept, with its package) and its rows editable."""
    batch = locked_batch(enterprise, batch_id)
    family = family_with(batch.family, Step.REVOKE)
    if batch.status == S.REVOKED:
        return batch
    if batch.status in REVOKE_REFUSED:
        raise ValidationError(REVOKE_REFUSED[S(batch.status)])
    if batch.receipt_no:
        call(
            (port or bureau()).revoke,
            customs_code=enterprise.customs_code,
            receipt_no=batch.receipt_no,
            reason=reason or "企业撤销申报数据",
        )
    batch.revoked_at = timezone.now()
    move(batch, S.REVOKED, actor=actor, note=reason or "撤销申报数据", extra=("revoked_at",))
    family.release(enterprise=enterprise, actor=actor, batch_id=batch.pk)
    return batch
