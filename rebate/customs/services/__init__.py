"""Writes of 报关单采集 (DESIGN §4 rule 2): every state change goes through one of these."""

from .check import CheckReport, declarations_check
from .declared import declarations_mark_declared
from .download import declarations_download
from .files import declarations_import
from .fixes import declaration_item_map_code, declaration_rate_fix
from .generate import GenerateResult, declarations_generate
from .intake import DownloadSummary, declarations_store
from .invoices import declarations_set_invoice, invoice_template, invoices_import

__all__ = [
    "CheckReport",
    "DownloadSummary",
    "GenerateResult",
    "declaration_item_map_code",
    "declaration_rate_fix",
    "declarations_check",
    "declarations_download",
    "declarations_generate",
    "declarations_import",
    "declarations_mark_declared",
    "declarations_set_invoice",
    "declarations_store",
    "invoice_template",
    "invoices_import",
]
