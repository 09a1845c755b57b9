"""Doubt (疑点) rules of DOMAIN §8 as pure functions over plain dataclasses.

Entry point: ``run_checks(lines, context, catalogue=DEFAULT_CATALOGUE) -> list[Issue]``.
"""

from rebate.calc.checks.catalogue import (
    BLOCKING,
    DEFAULT_CATALOGUE,
    WARNING,
    Catalogue,
    CatalogueEntry,
    Issue,
    Level,
    RecordRef,
)
from rebate.calc.checks.model import (
    DEFAULT_NON_REFUNDABLE_TRADE_MODES,
    CheckContext,
    CustomsRecord,
    DeclaredLine,
    EarlierDeclared,
    LibraryLookup,
    LibraryRow,
    ReturnCertificate,
    WriteoffCycle,
    library_from_rows,
)
from rebate.calc.checks.runner import findings, has_blocking, run_checks

__all__ = [
    "BLOCKING",
    "DEFAULT_CATALOGUE",
    "DEFAULT_NON_REFUNDABLE_TRADE_MODES",
    "WARNING",
    "Catalogue",
    "CatalogueEntry",
    "CheckContext",
    "CustomsRecord",
    "DeclaredLine",
    "EarlierDeclared",
    "Issue",
    "Level",
    "LibraryLookup",
    "LibraryRow",
    "RecordRef",
    "ReturnCertificate",
    "WriteoffCycle",
    "findings",
    "has_blocking",
    "library_from_rows",
    "run_checks",
]
