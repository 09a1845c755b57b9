"""The one write path of the 随附单据: 上传 (CK-05 card, content checked, stored once by its
SHA-256 through the default storage) and the 10-year keeping of documents and entries."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from rebate.accounts.cardauth import SignedText
from rebate.accounts.models import Enterprise, User
from rebate.accounts.services import require_signing_card
from rebate.calc.deadlines import document_keep_until
from rebate.core.uploads import MIB, UploadRefused, check_size
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import DeclarationBatch

from . import content, selectors
from .models import CatalogueEntry, Document, Keeping

DEFAULT_MAX_BYTES = 10 * MIB
NO_FILE = "请选择要上传的文件（PDF或图片）"
PAPER_HAS_NO_FILE = "纸质单证不上传文件；已扫描的单证请选择存放方式“影像”"
REVOKED = "该申报数据已撤销，不能上传随附单据"
NOT_A_LINE = "所选明细不属于该申报数据"
KEPT = "{what}须自{since}起保存{years}年（至{until}），保存期内不能删除"
STILL_LISTED = "该文件仍列在备案单证目录中，不能删除"


def max_bytes() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True, slots=True)
class Attachment:
    """What the clerk fills in: the kind, the document's name and number, how it is kept, the
    line it belongs to (RecordType key and row, "" / None for the whole declaration)."""

    kind: str
    title: str
    keeping: str
    line_record: str = ""
    line_id: int | None = None


def attach(
    *,
    enterprise: Enterprise,
    actor: User,
    batch: DeclarationBatch,
    signed: SignedText | None,
    is_fresh: Callable[[str], bool],
    attachment: Attachment,
    upload: Any = None,
) -> CatalogueEntry:
    """上传随附单据: the bound card must be inserted (CK-05) and every check passes before a
    byte is stored; a file already stored for the enterprise is not stored again."""
    card = require_signing_card(actor, signed, is_fresh=is_fresh)
    if batch.enterprise_id != enterprise.pk:
        raise PermissionDenied("您无权限操作该数据")
    if batch.status == BatchStatus.REVOKED:
        raise ValidationError(REVOKED)
    entry = CatalogueEntry(
        enterprise=enterprise,
        batch=batch,
        kind=attachment.kind,
        title=attachment.title,
        keeping=attachment.keeping,
        created_by=actor,
    )
    _place_on_line(entry, enterprise, batch, attachment)
    entry.full_clean(exclude=["document"])
    data = _checked_bytes(attachment.keeping, upload)
    with transaction.atomic():
        if data is not None:
            entry.document = _stored(enterprise, actor, card.card_no, upload.name, data)
        entry.save()
    return entry


def _place_on_line(
    entry: CatalogueEntry, enterprise: Enterprise, batch: DeclarationBatch, attachment: Attachment
) -> None:
    if not attachment.line_record:
        return
    lines = selectors.batch_lines(enterprise, batch)
    wanted = (attachment.line_record, attachment.line_id)
    found = [line for line in lines if (line.record, line.pk) == wanted]
    if not found:
        raise ValidationError({"line": NOT_A_LINE})
    entry.line_record, entry.line_id, entry.line_no = found[0].record, found[0].pk, found[0].line_no


def _checked_bytes(keeping: str, upload: Any) -> bytes | None:
    if keeping == Keeping.PAPER:
        if upload is not None:
            raise ValidationError({"file": PAPER_HAS_NO_FILE})
        return None
    if upload is None:
        raise ValidationError({"file": NO_FILE})
    try:
        check_size(upload, max_bytes())
    except UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from exc
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():  # the size the client declared is not trusted either
        raise ValidationError({"file": f"文件过大：超过{max_bytes() // MIB}MB的上限"})
    try:
        content.sniff(data)
    except content.ContentRefused as exc:
        raise ValidationError({"file": str(exc)}) from exc
    return data


def _stored(enterprise: Enterprise, actor: User, card_no: str, name: str, data: bytes) -> Document:
    """The enterprise's document of these bytes: the existing one, or a new file written once
    under its digest. A file is never written over (write-once by name)."""
    digest = hashlib.sha256(data).hexdigest()
    found = Document.objects.filter(enterprise=enterprise, sha256=digest).first()
    if found is not None:
        return found
    kind = content.sniff(data)
    storage = storages["default"]
    wanted = f"documents/{enterprise.pk}/{digest[:2]}/{digest}.{content.EXTENSIONS[kind]}"
    stored = wanted if storage.exists(wanted) else storage.save(wanted, ContentFile(data))
    if stored != wanted:  # another upload of the same bytes wrote it meanwhile: keep that one
        storage.delete(stored)
        stored = wanted
    document, _ = Document.objects.get_or_create(
        enterprise=enterprise,
        sha256=digest,
        defaults={
            "content_type": kind,
            "size": len(data),
            "storage_name": stored,
            "original_name": (name or "")[-200:],
            "uploaded_by": actor,
            "card_no": card_no,
        },
    )
    return document


def read(document: Document) -> bytes:
    with storages["default"].open(document.storage_name, "rb") as handle:
        data: bytes = handle.read()
    return data


def _refuse_within_term(what: str, since: str, start: date, today: date) -> None:
    until = document_keep_until(start)
    if today <= until:
        years = until.year - start.year
        raise ValidationError(
            KEPT.format(what=what, since=since, years=years, until=until.isoformat())
        )


@transaction.atomic
def entry_delete(
    *, enterprise: Enterprise, actor: User, entry: CatalogueEntry, today: date | None = None
) -> None:
    if entry.enterprise_id != enterprise.pk:
        raise PermissionDenied("您无权限操作该数据")
    today = today or timezone.localdate()
    # The term runs from 申报 (from the day it was catalogued while not declared).
    declared = selectors.declared_on(entry.batch)
    if declared:
        _refuse_within_term("备案单证目录条目", "申报之日", declared, today)
    else:
        created = timezone.localtime(entry.created_at).date()
        _refuse_within_term("备案单证目录条目", "登记之日", created, today)
    entry.delete()


@transaction.atomic
def document_delete(
    *, enterprise: Enterprise, actor: User, document: Document, today: date | None = None
) -> None:
    if document.enterprise_id != enterprise.pk:
        raise PermissionDenied("您无权限操作该数据")
    today = today or timezone.localdate()
    created = timezone.localtime(document.created_at).date()
    _refuse_within_term("随附单据", "上传之日", created, today)
    if document.entries.exists():
        raise ValidationError(STILL_LISTED)
    storages["default"].delete(document.storage_name)
    document.delete()
