"""Reads of 报关单采集; the first argument is always the enterprise (DESIGN §4 rule 3)."""

from __future__ import annotations

from django.db.models import QuerySet

from rebate.accounts.models import Enterprise
from rebate.core.models import Job
from rebate.goods.models import ExportLine

from .choices import IMPORT_JOB
from .models import Declaration, DeclarationItem, DeclarationRevision

LIST_FIELDS = (
    "pk", "entry_id", "ie_date", "export_month", "trade_mode", "trans_mode", "manual_no",
    "invoice_no", "check_status", "generation_status", "change_warning", "revision_count",
    "enterprise_id", "declared_period",
)  # fmt: skip


def declarations(enterprise: Enterprise) -> QuerySet[Declaration]:
    return Declaration.objects.for_enterprise(enterprise)


def any_without_invoice(enterprise: Enterprise, declaration_ids: list[int]) -> bool:
    """Some ticked declaration has no 出口发票号 of its own: 生成退税 then requires one."""
    return declarations(enterprise).filter(pk__in=declaration_ids, invoice_no="").exists()


def declaration_list(enterprise: Enterprise) -> QuerySet[Declaration]:
    """The 报关单信息 list: only the columns it shows, newest export first."""
    return declarations(enterprise).only(*LIST_FIELDS).order_by("-ie_date", "-entry_id")


def declaration_items(
    enterprise: Enterprise, declaration: Declaration
) -> QuerySet[DeclarationItem]:
    return DeclarationItem.objects.for_enterprise(enterprise).filter(declaration=declaration)


def item(enterprise: Enterprise, pk: int) -> DeclarationItem | None:
    return (
        DeclarationItem.objects.for_enterprise(enterprise)
        .select_related("declaration")
        .filter(pk=pk)
        .first()
    )


def declaration_lines(enterprise: Enterprise, declaration: Declaration) -> QuerySet[ExportLine]:
    """The 出口明细 generated from the declaration (still present in 出口货物明细采集)."""
    line_ids = declaration_items(enterprise, declaration).filter(export_line__isnull=False)
    return (
        ExportLine.objects.for_enterprise(enterprise)
        .filter(pk__in=line_ids.values("export_line_id"))
        .order_by("item_key")
    )


def declaration_revisions(
    enterprise: Enterprise, declaration: Declaration
) -> QuerySet[DeclarationRevision]:
    return DeclarationRevision.objects.for_enterprise(enterprise).filter(declaration=declaration)


def common_invoice_no(enterprise: Enterprise, ids: list[int]) -> str:
    """The 出口发票号 the ticked declarations share, or ""."""
    values = set(declarations(enterprise).filter(pk__in=ids).values_list("invoice_no", flat=True))
    return values.pop() if len(values) == 1 else ""


def import_job(enterprise: Enterprise, pk: str) -> Job | None:
    """The enterprise's 报关单导入 job of that id (another enterprise's is never found)."""
    if not pk.isdigit():
        return None
    return Job.objects.for_enterprise(enterprise).filter(pk=int(pk), kind=IMPORT_JOB).first()
