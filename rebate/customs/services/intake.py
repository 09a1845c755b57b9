"""The one store of 报关单 (DESIGN §4 rule 2), fed by 信息下载 and by the imported files.

Whatever brings the declarations — the customs port (download), the Single Window's DecMessage
XML or a broker's Excel (files) — they are stored here, idempotently and all or nothing: a
declaration that is not an export of the enterprise leaves nothing stored.

An incoming declaration is
- new: stored with its items;
- unchanged (same content digest as last received): left alone;
- changed (改单): the difference is kept as a DeclarationRevision. If rebate lines generated
  from it are locked — inside a declaration batch, i.e. "used in a declared batch" — the stored
  data is **not** changed (kind HELD) and the difference is shown as a warning; otherwise the
  declaration is updated (kind APPLIED), its check result reset, and, when lines were already
  generated, a warning asks the clerk to re-generate them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rebate.accounts.models import Enterprise, User
from rebate.core import rows as row_writes
from rebate.integrations.wire.customs import Amendment, ExportDeclaration
from rebate.integrations.wire.customs import DeclarationItem as WireItem
from rebate.webhooks.choices import Event
from rebate.webhooks.events import emit

from ..choices import CheckStatus, RevisionKind
from ..models import Declaration, DeclarationItem, DeclarationRevision
from ..ports import CustomsSource
from .declared import declarations_mark_approved_on_store
from .store import (
    HEAD_FIELDS,
    ITEM_FIELDS,
    diff,
    items_of,
    locked_declaration_ids,
    to_head,
    to_heads,
    to_items,
)

CHUNK = 900
HELD_WARNING = "该报关单已用于申报，海关数据有变化（改单），系统未更新，请核对改单记录"
REGENERATE_WARNING = "海关数据有变化（改单），已更新报关单；已生成的出口明细请核对后重新生成"


@dataclass
class DownloadSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    held: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.held

    def text(self) -> str:
        text = f"共{self.total}张：新增{self.new}张，更新{self.updated}张，未变化{self.unchanged}张"
        if self.held:
            text += f"；{self.held}张已用于申报的报关单海关数据有变化，未更新（见改单记录）"
        return text

    def as_json(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "held": self.held,
            "warnings": self.warnings[:50],
            "summary": self.text(),
        }


def _canon(value: object) -> str:
    if type(value) is str:  # most fields: asked first, by exact type
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def content_hash(declaration: ExportDeclaration) -> str:
    """A digest of everything stored from a declaration (equal values give equal digests)."""
    parts = [_canon(getattr(declaration, name)) for name in HEAD_FIELDS]
    for item in sorted(declaration.items, key=lambda i: i.g_no):
        # 原币离岸价 counts only when customs sends it: declarations stored before the wire
        # carried it must not all look amended on their next download.
        parts.extend(
            _canon(getattr(item, name))
            for name in ITEM_FIELDS
            if name != "fob_orig" or item.fob_orig is not None
        )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def validate_incoming(enterprise: Enterprise, declarations: Sequence[ExportDeclaration]) -> None:
    """The whole lot is refused when one declaration is not an export of this enterprise."""
    seen: set[str] = set()
    for d in declarations:
        if d.ie_flag != "E":
            raise ValidationError(f"报关单{d.entry_id}不是出口报关单")
        if d.trade_code != enterprise.customs_code:
            raise ValidationError(f"报关单{d.entry_id}不属于本企业")
        if d.entry_id in seen:
            raise ValidationError(f"报关单{d.entry_id}重复")
        if not d.items:
            raise ValidationError(f"报关单{d.entry_id}没有商品项")
        seen.add(d.entry_id)


def _existing(enterprise: Enterprise, entry_ids: list[str]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(entry_ids), CHUNK):
        rows = Declaration.objects.for_enterprise(enterprise).filter(
            entry_id__in=entry_ids[start : start + CHUNK]
        )
        for pk, entry_id, digest in rows.values_list("pk", "entry_id", "received_hash"):
            found[entry_id] = (pk, digest)
    return found


def declarations_store(
    *,
    enterprise: Enterprise,
    actor: User | None,
    declarations: Sequence[ExportDeclaration],
    source: CustomsSource | None = None,
    origin: str = "下载",
) -> DownloadSummary:
    """Store incoming declarations, all or nothing. ``source`` (the customs port) gives the 改单
    records of changed declarations; a file has none, its differences are recorded all the same.
    ``origin`` names the operation in a refusal (本次下载未保存, 本次导入未保存)."""
    try:
        with transaction.atomic():
            summary = _store(enterprise, actor, declarations, source)
            data = {"count": summary.total, "origin": origin, **summary.as_json()}
            emit(enterprise, Event.DECLARATIONS_DOWNLOADED, data)
            return summary
    except ValidationError as refused:
        raise ValidationError([f"{m}，本次{origin}未保存" for m in refused.messages]) from refused


def _store(
    enterprise: Enterprise,
    actor: User | None,
    declarations: Sequence[ExportDeclaration],
    source: CustomsSource | None,
) -> DownloadSummary:
    validate_incoming(enterprise, declarations)
    existing = _existing(enterprise, [d.entry_id for d in declarations])
    summary = DownloadSummary()
    new: list[tuple[ExportDeclaration, str]] = []
    changed: list[tuple[int, ExportDeclaration, str]] = []
    for d in declarations:
        digest = content_hash(d)
        known = existing.get(d.entry_id)
        if known is None:
            new.append((d, digest))
        elif known[1] == digest:
            summary.unchanged += 1
        else:
            changed.append((known[0], d, digest))
    _create(enterprise, new)
    declarations_mark_approved_on_store(
        enterprise=enterprise,
        actor=actor,
        item_keys=[item.item_key(d.entry_id) for d, _ in new for item in d.items],
    )
    summary.new = len(new)
    if changed:
        amendments = _amendments(source, enterprise, [d for _, d, _ in changed])
        _apply_changes(enterprise, changed, amendments, summary)
    return summary


def _create(enterprise: Enterprise, incoming: Sequence[tuple[ExportDeclaration, str]]) -> None:
    heads = to_heads(enterprise, incoming)
    _clean(heads, exclude=["enterprise"])
    row_writes.insert(Declaration, heads)
    items = items_of((head, d.items) for head, (d, _) in zip(heads, incoming, strict=True))
    _clean(items, exclude=["enterprise", "declaration", "export_line"])
    row_writes.insert(DeclarationItem, items)


def _clean(rows: Sequence[Any], exclude: list[str]) -> None:
    """The model's field rules, column-wise (the unique constraints are the database's);
    the first error names the 报关单."""
    try:
        row_writes.validate(rows, exclude=exclude, constraints=False)
    except row_writes.RowsInvalid as invalid:
        index, name, message = invalid.failures[0]
        row = rows[index - 1]
        number = getattr(row, "entry_id", "") or getattr(row, "item_key", "")
        problem = f"{name}：{message}"
        raise ValidationError(f"报关单{number}数据不正确（{problem}）") from invalid


def _amendments(
    source: CustomsSource | None, enterprise: Enterprise, changed: Sequence[ExportDeclaration]
) -> dict[str, list[Amendment]]:
    """改单 records of the changed declarations (made between their export and today)."""
    if source is None:
        return {}
    wanted = {d.entry_id for d in changed}
    records = source.amendments(
        trade_code=enterprise.customs_code,
        date_from=min(d.ie_date for d in changed),
        date_to=max(timezone.localdate(), max(d.ie_date for d in changed)),
    )
    found: dict[str, list[Amendment]] = {}
    for amendment in records:
        if amendment.entry_id in wanted:
            found.setdefault(amendment.entry_id, []).append(amendment)
    return found


def _amendment_json(amendment: Amendment) -> dict[str, str]:
    return {
        "item": str(amendment.g_no),
        "date": amendment.amend_date.isoformat(),
        "reason": amendment.reason,
        "code": f"{amendment.old_code_ts}→{amendment.new_code_ts}" if amendment.new_code_ts else "",
        "qty": f"{_canon(amendment.old_qty)}→{_canon(amendment.new_qty)}"
        if amendment.new_qty is not None
        else "",
        "fob_usd": f"{_canon(amendment.old_fob_usd)}→{_canon(amendment.new_fob_usd)}"
        if amendment.new_fob_usd is not None
        else "",
    }


def _apply_changes(
    enterprise: Enterprise,
    changed: Sequence[tuple[int, ExportDeclaration, str]],
    amendments: dict[str, list[Amendment]],
    summary: DownloadSummary,
) -> None:
    pks = [pk for pk, _, _ in changed]
    locked = locked_declaration_ids(enterprise, pks)
    stored = Declaration.objects.for_enterprise(enterprise).select_for_update().in_bulk(pks)
    for pk, incoming, digest in changed:
        declaration = stored[pk]
        changes = diff(declaration, incoming)
        records = [_amendment_json(a) for a in amendments.get(incoming.entry_id, [])]
        if pk in locked:
            _hold(declaration, changes, records, digest)
            summary.held += 1
            summary.warnings.append(f"{declaration.entry_id}：{HELD_WARNING}")
        else:
            _apply(declaration, incoming, changes, records, digest)
            summary.updated += 1


def _revision(
    declaration: Declaration,
    kind: str,
    changes: list[dict[str, str]],
    records: list[Any],
    digest: str,
) -> None:
    declaration.revision_count += 1
    DeclarationRevision.objects.create(
        enterprise_id=declaration.enterprise_id,
        declaration=declaration,
        number=declaration.revision_count,
        kind=kind,
        changes=changes,
        amendments=records,
        received_hash=digest,
        note=HELD_WARNING if kind == RevisionKind.HELD else "",
    )


def _hold(
    declaration: Declaration, changes: list[dict[str, str]], records: list[Any], digest: str
) -> None:
    """Keep the declared data; record the difference and show it as a warning."""
    _revision(declaration, RevisionKind.HELD, changes, records, digest)
    declaration.received_hash = digest
    declaration.change_warning = HELD_WARNING
    declaration.save(
        update_fields=["received_hash", "change_warning", "revision_count", "updated_at"]
    )


def _apply(
    declaration: Declaration,
    incoming: ExportDeclaration,
    changes: list[dict[str, str]],
    records: list[Any],
    digest: str,
) -> None:
    _revision(declaration, RevisionKind.APPLIED, changes, records, digest)
    fresh = to_head(declaration.enterprise, incoming, digest)
    for name in HEAD_FIELDS:
        setattr(declaration, name, getattr(fresh, name))
    declaration.export_month = fresh.export_month
    declaration.received_hash = digest
    declaration.check_status = CheckStatus.UNCHECKED
    declaration.check_problems = []
    generated = declaration.items.filter(export_line__isnull=False).exists()
    declaration.change_warning = REGENERATE_WARNING if generated else ""
    _clean([declaration], exclude=["enterprise"])
    declaration.save()
    _replace_items(declaration, incoming.items)


def _replace_items(declaration: Declaration, incoming: Sequence[WireItem]) -> None:
    """Update items in place by 项号 (keeping links to generated lines); add and drop the rest."""
    current = {item.g_no: item for item in declaration.items.all()}
    fresh = {item.g_no: item for item in to_items(declaration, incoming)}
    for g_no, item in fresh.items():
        old = current.get(g_no)
        if old is None:
            _clean([item], exclude=["enterprise", "declaration", "export_line"])
            item.save()
            continue
        if old.code_ts != item.code_ts:
            old.rebate_code = item.rebate_code  # a mapping made for the old code no longer applies
        for name in ITEM_FIELDS:
            setattr(old, name, getattr(item, name))
        _clean([old], exclude=["enterprise", "declaration", "export_line"])
        old.save()
    declaration.items.filter(g_no__in=[g for g in current if g not in fresh]).delete()
