"""备案申报 on the lifecycle engine (SPEC §8, §11 column 备案申报): twelve businesses without a
所属期 — 新建 → 打印 (first) → 生成申报数据 (the chosen business; IC卡签名) → 远程申报 (上传成功)
→ 反馈读入 / 审核结果下载 → 数据查询. The paper goes to the tax office after 上传成功.

Each batch declares one business: its rows only join it (``FilingSource``), and its package
carries one section (``write_package``; a 变更 sends only the items that changed).
"""

from __future__ import annotations

from dataclasses import replace
from typing import IO, Any

from rebate.accounts.models import Enterprise, User
from rebate.core.models import RecordStatus
from rebate.declarations.families import (
    Business,
    Family,
    PackageRequest,
    PackageResult,
    PeriodKind,
    RecordLink,
    Step,
    register,
)
from rebate.declarations.package import package_head
from rebate.declarations.sources import OpenWork, newest_open
from rebate.integrations.wire.package import write_unsigned_package
from rebate.integrations.wire.package.filings import SPECS

from . import effects, prints
from .records import BUSINESS_ROWS, FAMILY, RECORDS, to_wire

CHANGE = "A0102001"


class FilingSource:
    """The rows of the batch's business: one form may serve several businesses (放弃业务's
    three codes are one form told apart by its 放弃类型), so the rows are scoped by business
    here rather than by record type as RecordTypeSource does."""

    def _models(self) -> list[Any]:
        return list(dict.fromkeys(r.model for r in RECORDS))

    def attach(
        self,
        *,
        enterprise: Enterprise,
        actor: User | None,
        period: str,
        batch_id: int,
        business: str,
    ) -> int:
        record, scope = BUSINESS_ROWS[business]
        rows = record.model._default_manager.filter(
            enterprise=enterprise, period=period, declaration_batch_id__isnull=True, **scope
        )
        return int(rows.update(declaration_batch_id=batch_id, status=RecordStatus.GENERATED))

    def _move(self, enterprise: Enterprise, batch_id: int, status: str) -> int:
        batch = None if status == RecordStatus.COLLECTED else batch_id
        return sum(
            model._default_manager.filter(
                enterprise=enterprise, declaration_batch_id=batch_id
            ).update(declaration_batch_id=batch, status=status)
            for model in self._models()
        )

    def latest_open(self, *, enterprise: Enterprise, period: str) -> OpenWork | None:
        """The business of the filing last saved and not yet declared (生成备案申报数据's dialog
        opens on it)."""
        found = [
            (when, code)
            for code, (record, scope) in BUSINESS_ROWS.items()
            if (when := newest_open(
                record.model._default_manager.filter(enterprise=enterprise, period=period, **scope)
            ))
        ]  # fmt: skip
        return max(found, default=None)

    def mark_declared(self, *, enterprise: Enterprise, actor: User, batch_id: int) -> int:
        return self._move(enterprise, batch_id, RecordStatus.DECLARED)

    def release(self, *, enterprise: Enterprise, actor: User, batch_id: int) -> int:
        return self._move(enterprise, batch_id, RecordStatus.COLLECTED)

    def index(self, *, enterprise: Enterprise, batch_id: int, table: str) -> dict[str, RecordLink]:
        found: dict[str, RecordLink] = {}
        for record in RECORDS:
            if record.wire_section == table:
                rows = record.model._default_manager.filter(
                    enterprise=enterprise, declaration_batch_id=batch_id
                )
                for line_no, pk in rows.values_list("sequence_no", "pk"):
                    found[str(line_no)] = RecordLink(pk, record.url_name("detail"))
        return found


def _change_rows(row: Any) -> list[dict[str, object]]:
    return [
        {"sequence_no": row.sequence_no, "field": c[0], "label": c[1], "old": c[2],
         "new": c[3], "filled_on": row.filled_on}
        for c in row.changes
    ]  # fmt: skip


def write_package(out: IO[bytes], request: PackageRequest) -> PackageResult:
    spec = SPECS[request.business_code]
    record, scope = BUSINESS_ROWS[spec.code]
    head = replace(package_head(request, spec.code, spec.short_name), period=request.batch_no)
    rows = list(
        record.model._default_manager.filter(
            enterprise=request.enterprise, declaration_batch_id=request.batch_id, **scope
        ).order_by("sequence_no", "id")
    )
    if spec.code == CHANGE:
        records = [item for row in rows for item in _change_rows(row)]
    else:
        records = [to_wire(spec.code)(row) for row in rows]
    info = write_unsigned_package(out, head, sections={spec.main.name: iter(records)})
    return PackageResult(
        filename=info.filename, digest=info.digest, line_count=info.line_count,
        record_count=len(rows),
    )  # fmt: skip


FILINGS = register(
    Family(
        key=FAMILY, label="备案申报", period_kind=PeriodKind.NONE,
        businesses=tuple(Business(s.code, s.short_name, s.label) for s in SPECS.values()),
        steps=frozenset({Step.COLLECT, Step.PRINT, Step.GENERATE, Step.UPLOAD, Step.REVOKE,
                         Step.FEEDBACK_READ, Step.FEEDBACK_DOWNLOAD, Step.QUERY}),
        sources=(FilingSource(),), write_package=write_package,
        print_before_generate=True, feedback_family="filings",
        print_forms=prints.PRINT_FORMS, on_approved=effects.on_approved,
        on_filings=effects.on_filings, url_namespace="filings",
        titles={"generate": "生成备案申报数据", "print": "打印备案申报报表"},
    )
)  # fmt: skip
